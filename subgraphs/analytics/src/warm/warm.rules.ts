import type { Granularity } from '../period/period.rules.ts';

/**
 * What the background pass keeps warm, as pure rules: which ranges the dashboard asks by default, in which zones,
 * and which tokens a pass of bounded work takes first.
 */
export interface WarmRange {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly timeZone: string;
}

/** Where nobody has opened a token's dashboard yet: the platform's home zone and UTC. */
export const FALLBACK_ZONES = ['Europe/Paris', 'UTC'] as const;

/** A local calendar date `YYYY-MM-DD` in a zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/**
 * The ranges the web dashboard asks when it opens: the last 30 days up to today by day, in the reader's zone
 * (`lastDays(30, 'DAY', zone)` on the dashboard page). The wallet's balance over time reads no active people, so
 * there is nothing of it to keep warm.
 */
export function dashboardDefaultRanges(now: Date, timeZone: string): WarmRange[] {
  return [{ from: localDate(new Date(now.getTime() - 29 * 86_400_000), timeZone), to: localDate(now, timeZone), granularity: 'day', timeZone }];
}

/**
 * The zones to warm a token in: those of its recent readers (most recent first), else those of the organisation's
 * recent readers of any token, else the fallback zones; at most `max`, each once. Organisations have no zone of
 * their own on the platform, so readers are the best evidence of where the dashboard is opened.
 */
export function zonesToWarm(tokenReaders: readonly string[], orgReaders: readonly string[], max = 3): string[] {
  const pick = tokenReaders.length > 0 ? tokenReaders : orgReaders.length > 0 ? orgReaders : FALLBACK_ZONES;
  return [...new Set(pick)].slice(0, max);
}

export interface WarmTarget {
  readonly orgId: string;
  readonly tokenId: string;
}

/**
 * The tokens of one pass: those that just had a burst of events first (in the order they came), then those read
 * lately (in the order given), each once, at most `max`.
 */
export function targetsOfPass(touched: readonly WarmTarget[], read: readonly WarmTarget[], max: number): WarmTarget[] {
  const seen = new Set<string>();
  const out: WarmTarget[] = [];
  for (const t of [...touched, ...read]) {
    const key = `${t.orgId}:${t.tokenId}`;
    if (seen.has(key) || out.length >= max) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/**
 * A long range is warmed in growing prefixes of at most `step` periods, each read in its own transaction: each
 * resumes from what the one before kept, so the token's lock is held for one step's rows at a time, never for a
 * whole cold year.
 */
export function prefixes<T>(periods: readonly T[], step: number): T[][] {
  const out: T[][] = [];
  for (let end = Math.min(step, periods.length); ; end = Math.min(end + step, periods.length)) {
    out.push(periods.slice(0, end));
    if (end >= periods.length) return out;
  }
}
