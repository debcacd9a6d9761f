import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPGraphQLRequest } from '@apollo/server';
import type { Handler } from 'graphql-sse';

/** Whether a stream request carries an operation (text or a persisted document's id), rather than a reservation. */
export function carriesOperation(request: HTTPGraphQLRequest): boolean {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    return search.has('query') || search.has('documentId') || search.has('extensions');
  }
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  return 'query' in body || 'documentId' in body || 'extensions' in body;
}

/**
 * graphql-sse's handler on Node's http, as `graphql-sse/lib/use/http` serves it, except that the gateway has read
 * the body already (to resolve a persisted document before graphql-sse sees the request): graphql-sse is handed
 * the request as resolved. Headers the gateway set on `res` first (`RateLimit`) go out with graphql-sse's answer.
 */
export async function serveSse<Context>(handler: Handler<IncomingMessage, Context>, req: IncomingMessage, res: ServerResponse, request: HTTPGraphQLRequest, context: Context): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const [body, init] = await handler({
    method: request.method,
    url: request.method === 'GET' ? `${path}${request.search}` : (req.url ?? '/'),
    headers: {
      get(key) {
        const header = req.headers[key];
        return Array.isArray(header) ? header.join('\n') : header;
      },
    },
    body: request.body === undefined ? null : (request.body as string | Record<PropertyKey, unknown>),
    raw: req,
    context,
  });
  res.writeHead(init.status, init.statusText, init.headers);
  if (!body || typeof body === 'string') {
    await new Promise<void>((resolve) => res.end(body, () => resolve()));
    return;
  }
  const stop = () => void body.return(undefined);
  res.once('close', stop);
  for await (const value of body) {
    const closed = await new Promise<boolean>((resolve, reject) => {
      // the response's close event may come late
      if (!res.writable) resolve(true);
      else res.write(value, (err) => (err ? reject(err) : resolve(false)));
    });
    if (closed) break;
  }
  res.off('close', stop);
  await new Promise<void>((resolve) => res.end(() => resolve()));
}
