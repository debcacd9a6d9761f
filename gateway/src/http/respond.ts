import type { GraphQLFormattedError } from 'graphql';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Puts `null` where an unauthorized field was removed from the operation, as if it had resolved to null. Paths
 * carry no list indices (the field is removed for every item), so the walk fans out over lists.
 */
export function setNullAt(data: Json, path: readonly string[]): void {
  if (path.length === 0 || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const item of data) setNullAt(item, path);
    return;
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    data[head] = null;
    return;
  }
  const next = data[head];
  if (next !== undefined) setNullAt(next, rest);
}

export interface AuthorizationOutcome {
  readonly errors: readonly GraphQLFormattedError[];
  readonly removedPaths: readonly (readonly string[])[];
}

/** Merges the authorization outcome into an executed result: nulls at removed fields, errors appended. */
export function mergeAuthorization(
  result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] },
  outcome: AuthorizationOutcome,
): void {
  if (result.data) for (const path of outcome.removedPaths) setNullAt(result.data as Json, path);
  result.errors = [...(result.errors ?? []), ...outcome.errors];
}
