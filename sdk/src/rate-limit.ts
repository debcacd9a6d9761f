/**
 * What the gateway says of a caller's quotas: `RateLimit: "api-key";r=12;t=30, "organization";r=400;t=30` (the IETF
 * httpapi draft's structured fields: `r` requests or points remaining, `t` seconds until the window resets) and,
 * on a 429, `Retry-After` (seconds, or an HTTP date).
 */
export interface Quota {
  readonly policy: string;
  readonly remaining: number;
  readonly resetSeconds: number;
}

/** The quotas of a `RateLimit` header; items it cannot read are left out. */
export function parseRateLimit(header: string | null): Quota[] {
  if (!header) return [];
  return header.split(',').flatMap((item) => {
    const [name, ...params] = item.trim().split(';');
    const values = Object.fromEntries(params.map((p) => p.trim().split('=') as [string, string]));
    const remaining = Number(values['r']);
    const resetSeconds = Number(values['t']);
    if (!name || !Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return [];
    return [{ policy: name.replace(/^"|"$/g, ''), remaining, resetSeconds }];
  });
}

/** Milliseconds a `Retry-After` asks to wait, or null when it says nothing readable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** How long to wait before the next request so as not to be refused: until the first exhausted quota resets. */
export function waitBeforeNext(quotas: readonly Quota[]): number {
  const exhausted = quotas.filter((q) => q.remaining <= 0);
  return exhausted.length ? Math.max(...exhausted.map((q) => q.resetSeconds)) * 1000 : 0;
}
