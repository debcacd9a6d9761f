import type { HTTPGraphQLRequest } from '@apollo/server';
import { HttpError } from '@etika/kit';

/**
 * CSRF protection that keeps what GraphQL-over-HTTP requires. The platform authenticates with bearer tokens and
 * API keys, which browsers never attach by themselves, so a cross-site request arrives anonymous and can do no
 * more than anyone could. What is refused is a request that could ride ambient credentials: one carrying a
 * cookie but no explicit credential and no header a cross-site form cannot set. Plain GETs of queries and JSON
 * POSTs (never "simple" requests, so browsers preflight them) pass, as the spec requires.
 */
export function assertNoCsrf(request: HTTPGraphQLRequest): void {
  const h = request.headers;
  const hasCookie = h.has('cookie');
  const explicit = h.has('authorization') || h.has('x-api-key');
  const preflighted = h.has('apollo-require-preflight') || h.has('x-apollo-operation-name') || h.has('x-requested-with');
  if (hasCookie && !explicit && !preflighted) {
    throw new HttpError(400, 'Requests carrying cookies must also carry an Authorization header', 'BAD_REQUEST');
  }
}
