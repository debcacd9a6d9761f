/**
 * Svix's retry schedule: the first attempt at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each
 * delay stretched by up to `JITTER` at random so that endpoints coming back are not all called at once.
 */
export const RETRY_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const JITTER = 0.1;

/** An endpoint failing for this long without a success is disabled and its admins are told. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3600 * 1000;

/** The bounded excerpt of a response kept in the delivery log. */
export const EXCERPT_MAX = 1024;

/** When the attempt after `attemptsMade` failed attempts is due (ms from now), or null when the schedule is over. */
export function nextAttemptDelayMs(attemptsMade: number, random: () => number = Math.random): number | null {
  const base = RETRY_SCHEDULE_MS[attemptsMade];
  if (base === undefined) return null;
  return Math.round(base * (1 + JITTER * random()));
}

export type AttemptResult =
  | { readonly kind: 'response'; readonly status: number; readonly excerpt: string; readonly durationMs: number }
  | { readonly kind: 'error'; readonly error: string; readonly durationMs: number };

/** 2xx succeeds; 410 Gone disables the endpoint at once; any other status, a redirect or no answer fails. */
export function outcomeOf(result: AttemptResult): 'succeeded' | 'gone' | 'failed' {
  if (result.kind === 'error') return 'failed';
  if (result.status >= 200 && result.status < 300) return 'succeeded';
  return result.status === 410 ? 'gone' : 'failed';
}

export function failingTooLong(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
}
