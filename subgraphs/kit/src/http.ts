import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { INTERNAL_ERROR_MESSAGE } from './errors.ts';
import type { Logger } from './logger.ts';

/** Largest request body accepted, so a client cannot make a server buffer without bound. */
export const MAX_BODY_BYTES = 1_000_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      // drain the rest and close the connection after answering, so no half-read body poisons a kept-alive socket
      req.resume();
      throw new HttpError(413, 'Request body too large', 'PAYLOAD_TOO_LARGE');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Turns a Node request into Apollo Server's transport-neutral request; JSON bodies are parsed here. */
export async function toGraphQLRequest(req: IncomingMessage, url: URL): Promise<HTTPGraphQLRequest> {
  const headers = headerMap(req);
  const method = (req.method ?? 'GET').toUpperCase();
  let body: unknown = undefined;
  if (method === 'POST') {
    const raw = await readBody(req);
    const type = headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        throw new HttpError(400, 'Request body is not valid JSON', 'BAD_REQUEST');
      }
    } else {
      body = raw;
    }
  }
  return { method, headers, search: url.search, body };
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** Seconds a client is told to wait before asking again after a 503 (`retryAfterSeconds`, `Retry-After`). */
export const RETRY_AFTER_SECONDS = 1;

/** A GraphQL-shaped error answer for failures before execution (401, 413, 400; 503 also says when to retry). */
export function sendGraphQLError(res: ServerResponse, status: number, message: string, code: string): void {
  if (status === 503) {
    const extensions = { code, retryAfterSeconds: RETRY_AFTER_SECONDS };
    return sendJson(res, status, { errors: [{ message, extensions }] }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
  }
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, status === 413 ? { connection: 'close' } : {});
}

/**
 * Writes a whole answer in one gather write with the head; Node measures it once for its `content-length`. The text
 * is neither copied into a buffer first (an allocation the size of the answer on the JavaScript heap, for the
 * collector to reclaim) nor joined to the head: Node joins a body to its head when the encoding is spelt `utf8` or
 * left out, which copies the whole answer into a new string; spelt `utf-8` it is the same encoding, written beside
 * the head and encoded once by the socket outside the heap.
 */
export function writeComplete(res: ServerResponse, body: string): void {
  res.end(body, 'utf-8');
}

export async function executeHttp<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: HTTPGraphQLRequest,
  res: ServerResponse,
  context: () => Promise<TContext>,
  /** How a complete answer is written; streamed answers (`@defer`) are written as they come. */
  write: (res: ServerResponse, body: string) => void = writeComplete,
): Promise<void> {
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return write(res, response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export interface HttpService {
  readonly http: Server;
  /** Listens on the port (0 = any free one) and resolves to the URL of the GraphQL endpoint. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting, drops kept-alive connections, then runs `stop`. */
  close(): Promise<void>;
}

/**
 * A Node HTTP server around a request handler: expected failures (`HttpError`) become GraphQL-shaped errors with
 * their status, anything else is logged in full and answered 500 "Internal error" with the request id only.
 */
export function createHttpService(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, logger: Logger, stop: () => Promise<void>): HttpService {
  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendGraphQLError(res, err.status, err.message, err.code);
      // a database or a peer that cannot answer now (an internal route's, an authentication's): retryable, not a 500
      if (err instanceof GraphQLError && err.extensions['code'] === 'SERVICE_UNAVAILABLE') {
        logger.warn({ err, requestId: res.getHeader('x-request-id') }, 'request refused: a dependency is unavailable');
        return sendGraphQLError(res, 503, err.message, 'SERVICE_UNAVAILABLE');
      }
      const requestId = res.getHeader('x-request-id');
      logger.error({ err, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) } }] });
    });
  });
  http.keepAliveTimeout = 65_000;
  return {
    http,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        // a port already taken fails the start at once, instead of an uncaught error and a caller left waiting
        const refused = (err: Error) => reject(err);
        http.once('error', refused);
        http.listen(port, host, () => {
          http.off('error', refused);
          resolve(`http://${host}:${(http.address() as AddressInfo).port}/graphql`);
        });
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      await stop();
    },
  };
}
