/** What is wrong with an endpoint address as typed, before the API checks where it points (`UNSAFE_WEBHOOK_URL`). */
export type UrlProblem = 'empty' | 'invalid' | 'credentials';

export function endpointUrlProblem(text: string): UrlProblem | null {
  const trimmed = text.trim();
  if (!trimmed) return 'empty';
  if (!URL.canParse(trimmed)) return 'invalid';
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid';
  if (url.username || url.password) return 'credentials';
  return null;
}

/** A `datetime-local` value (the person's own time zone) as the instant the API takes, or null when it is not one. */
export function localToInstant(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const when = new Date(local);
  return Number.isNaN(when.getTime()) ? null : when.toISOString();
}

interface Attempt {
  readonly attempt: number;
}

/** A delivery's latest attempt (the log lists them in any order), or null before the first one. */
export function latestAttempt<A extends Attempt>(attempts: readonly A[]): A | null {
  return attempts.reduce<A | null>((latest, a) => (!latest || a.attempt > latest.attempt ? a : latest), null);
}

/** How a delivery's status or an attempt's outcome is said: delivered, failed, or still trying (`pending`, `sending`). */
export function outcomeWord(status: string): 'succeeded' | 'failed' | 'pending' {
  return status === 'succeeded' || status === 'failed' ? status : 'pending';
}
