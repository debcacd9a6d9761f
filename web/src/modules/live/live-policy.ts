/**
 * What the live client does when a stream ends: the pure part of `live-client.ts`, tested on its own.
 */

/** Why a stream ended: a last result's error code, a refused request's HTTP status, or the connection lost. */
export type Ending = { readonly code: string } | { readonly status: number } | { readonly lost: true };

/**
 * - `refresh`: the credentials no longer hold (as a query's 401 would say): refresh the session, then subscribe
 *   again with the new token; a session that cannot be refreshed is signed out, as for queries.
 * - `stop`: this field is not for this person (or the request is wrong): asking again would be refused again.
 * - `retry`: the gateway is busy, restarting or unreachable: subscribe again after a backoff.
 */
export type Next = 'refresh' | 'stop' | 'retry';

const REFRESH_CODES = new Set(['UNAUTHENTICATED', 'RIGHTS_CHANGED', 'SESSION_REVOKED']);
const STOP_CODES = new Set(['UNAUTHORIZED_FIELD_OR_TYPE', 'FORBIDDEN', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']);

export function nextStep(ending: Ending): Next {
  if ('code' in ending) return REFRESH_CODES.has(ending.code) ? 'refresh' : STOP_CODES.has(ending.code) ? 'stop' : 'retry';
  if ('status' in ending) return ending.status === 401 ? 'refresh' : [400, 403, 404].includes(ending.status) ? 'stop' : 'retry';
  return 'retry';
}

/** The code of the error that ends a stream, if this result is that last one (errors and no data). */
export function endingCode(result: { readonly data?: unknown; readonly errors?: readonly { readonly extensions?: Record<string, unknown> }[] }): string | null {
  if (result.data !== undefined && result.data !== null) return null;
  const code = result.errors?.[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;

/** How long to wait before the `attempt`-th retry (from 0): doubling from 1 s up to 30 s, with jitter of up to half. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** When to refresh an access token so that its streams never outlive it: 30 s before it expires (now, if sooner). */
export function refreshDelayMs(expiresAtSeconds: number, now: number): number {
  return Math.max(0, expiresAtSeconds * 1000 - 30_000 - now);
}
