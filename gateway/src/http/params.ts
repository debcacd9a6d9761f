import type { HTTPGraphQLRequest } from '@apollo/server';
import { HttpError } from '@etika/kit';

/** The GraphQL-over-HTTP request parameters, from a GET query string or a JSON POST body. */
export interface GraphQLParams {
  readonly query: string;
  readonly operationName: string | undefined;
  /** As sent: an object, or anything else for Apollo Server to refuse (a GET's `variables` is parsed JSON). */
  readonly variables: unknown;
}

const MAX_QUERY_LENGTH = 100_000;

/**
 * Reads `query` and `operationName` so that the gateway can check and authorize the document before Apollo
 * sees it. Requests Apollo would reject anyway (no query, persisted-query hashes only) return null and are
 * passed through unchanged, so Apollo answers them with the spec's status codes.
 */
export function readParams(request: HTTPGraphQLRequest): GraphQLParams | null {
  let query: unknown;
  let operationName: unknown;
  let variables: unknown;
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    query = search.get('query') ?? undefined;
    operationName = search.get('operationName') ?? undefined;
    variables = jsonOrInvalid(search.get('variables'));
  } else if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
    ({ query, operationName, variables } = request.body as { query?: unknown; operationName?: unknown; variables?: unknown });
  } else {
    return null;
  }
  if (typeof query !== 'string') return null;
  if (query.length > MAX_QUERY_LENGTH) throw new HttpError(413, 'The query document is too large', 'OPERATION_LIMIT_EXCEEDED');
  return { query, operationName: typeof operationName === 'string' && operationName ? operationName : undefined, variables };
}

const INVALID = Symbol('invalid variables');

function jsonOrInvalid(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

/** The same request with another query document (the authorized variant). */
export function withQuery(request: HTTPGraphQLRequest, query: string): HTTPGraphQLRequest {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    search.set('query', query);
    return { ...request, search: `?${search.toString()}` };
  }
  return { ...request, body: { ...(request.body as Record<string, unknown>), query } };
}

/** Which media type the response uses, as Apollo Server decides it (graphql-response+json when accepted). */
export function wantsGraphQLResponseJson(accept: string | undefined): boolean {
  return (accept ?? '').includes('application/graphql-response+json');
}

/** Rejects request shapes the spec does not allow before any work: unknown methods and media types. */
export function assertAcceptable(request: HTTPGraphQLRequest): void {
  if (request.method !== 'GET' && request.method !== 'POST') {
    throw new HttpError(405, 'Use GET or POST', 'BAD_REQUEST');
  }
  if (request.method === 'POST') {
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) {
      throw new HttpError(415, 'POST bodies must be application/json', 'BAD_REQUEST');
    }
  }
}
