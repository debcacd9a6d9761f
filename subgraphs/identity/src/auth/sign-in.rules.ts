/**
 * Failed passwords slow the one who fails, not the account's owner: failures are counted per (account, client
 * address) pair; the first few are free, then each further attempt from that pair waits twice as long as the
 * last (1 s, 2 s, 4 s … up to 15 minutes). The owner signing in from elsewhere is never held up by a stranger's
 * guesses, and a stranger guessing gets ever slower. One address trying many accounts meets the per-address limit.
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 900;
/** How long a pair's failures are remembered, from the first one. */
export const FAILURE_MEMORY_SECONDS = 3600;

/** How long after its last failure a pair must wait before trying again. */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

/** Seconds still to wait (0 when the attempt may go ahead). */
export function secondsToWait(failures: number, lastFailureAtMs: number | null, nowMs: number): number {
  const delay = delayAfterFailures(failures);
  if (delay === 0 || lastFailureAtMs === null) return 0;
  return Math.max(0, Math.ceil((lastFailureAtMs + delay * 1000 - nowMs) / 1000));
}
