import type { ServerResponse } from 'node:http';
import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { writeComplete } from '@etika/kit';

/**
 * Runs a request through Apollo Server and writes its answer: a complete answer in one write with its length in
 * bytes (see `writeComplete`), a streamed one (`@defer`) as its parts come.
 */
export async function executeAndSend<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: HTTPGraphQLRequest,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return writeComplete(res, response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
