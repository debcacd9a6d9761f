import { appError } from './errors.ts';
import type { KeyValueStore } from './store.ts';

export interface ThrottleLimit {
  /** Attempts allowed in one window. */
  readonly max: number;
  readonly windowSeconds: number;
}

/**
 * Fixed-window attempt limits on several keys at once (per account and per client address, each with its own
 * limit): an attempt counts on every key, and any key over its limit refuses it with `TOO_MANY_REQUESTS`.
 */
export async function throttleOrThrow(
  store: KeyValueStore,
  keys: readonly { readonly key: string; readonly limit: ThrottleLimit }[],
): Promise<void> {
  const counts = await Promise.all(keys.map(({ key, limit }) => store.increment(`throttle:${key}`, limit.windowSeconds)));
  const over = keys.find((k, i) => counts[i]! > k.limit.max);
  if (over) {
    throw appError('TOO_MANY_REQUESTS', 'Too many attempts; try again later', { retryAfterSeconds: over.limit.windowSeconds });
  }
}

/** Clears an account's counter after a success, so a person who finally gets it right starts afresh. */
export async function resetThrottle(store: KeyValueStore, key: string): Promise<void> {
  await store.delete(`throttle:${key}`);
}
