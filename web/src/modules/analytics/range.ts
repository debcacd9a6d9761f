/** The dashboard's periods, in the person's own time zone, and what charts and downloads need of the answers. */
export type Granularity = 'DAY' | 'WEEK' | 'MONTH';

export interface Range {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly timeZone: string;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A local calendar date `YYYY-MM-DD` in a zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** The last `days` days up to today, in the zone. */
export function lastDays(days: number, granularity: Granularity, timeZone: string, now = new Date()): Range {
  return { from: localDate(new Date(now.getTime() - (days - 1) * 86_400_000), timeZone), to: localDate(now, timeZone), granularity, timeZone };
}

/** A period's first day as the locale writes it (short month for days and weeks, month and year for months). */
export function periodLabel(start: string, granularity: Granularity, locale: string): string {
  const date = new Date(`${start}T12:00:00Z`);
  const options: Intl.DateTimeFormatOptions = granularity === 'MONTH' ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/**
 * Minor units as a number of whole tokens, for a chart's scale only: the picture may round, the tables and
 * downloads beside it never do (they show the exact strings).
 */
export function chartValue(minor: string, decimals: number): number {
  return Number(minor) / 10 ** decimals;
}

/** Offers a CSV the API made as a file download (with a byte order mark, so spreadsheets read the accents). */
export function downloadCsv(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
