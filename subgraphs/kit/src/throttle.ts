import { appError } from './errors.ts';
import type { KeyValueStore } from './store.ts';

export interface ThrottleLimit {
  /** Attempts allowed in one window. */
  readonly max: number;
  readonly windowSeconds: number;
}

/**
 * Fixed-window attempt limits on several keys at once (per account and per client address): an attempt counts on
 * every key, and any key over its limit refuses it with `TOO_MANY_REQUESTS`.
 */
export async function throttleOrThrow(
  store: KeyValueStore,
  keys: readonly string[],
  limit: ThrottleLimit,
): Promise<void> {
  const counts = await Promise.all(keys.map((k) => store.increment(`throttle:${k}`, limit.windowSeconds)));
  if (counts.some((c) => c > limit.max)) {
    throw appError('TOO_MANY_REQUESTS', 'Too many attempts; try again later', { retryAfterSeconds: limit.windowSeconds });
  }
}

/** Clears an account's counter after a success, so a person who finally gets it right starts afresh. */
export async function resetThrottle(store: KeyValueStore, key: string): Promise<void> {
  await store.delete(`throttle:${key}`);
}
