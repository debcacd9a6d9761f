import { appError } from '@etika/kit';

/** How long one period of a report is. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The most periods one report may have (day: about 2.7 years; week: 19; month: 83). */
export const MAX_PERIODS = 1_000;

/** The length of a slot the rollups are kept in: every time zone's offset is a multiple of it. */
export const SLOT_MS = 15 * 60_000;

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** One period of a report: its first local day, and where it starts and ends (exclusive) as instants. */
export interface Period {
  readonly start: LocalDate;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatLocalDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** A calendar date `YYYY-MM-DD` (1970 to 9999) that exists, or BAD_USER_INPUT naming the field. */
export function localDateOrThrow(value: string, field: string): LocalDate {
  const m = DATE.exec(value);
  const parsed = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  const check = parsed ? new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day)) : null;
  if (!parsed || !check || parsed.year < 1970 || check.getUTCMonth() !== parsed.month - 1 || check.getUTCDate() !== parsed.day) {
    throw appError('BAD_USER_INPUT', `${field} is a date written YYYY-MM-DD`, { field, reason: 'INVALID_DATE' });
  }
  return parsed;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter that tells the local time of an instant in an IANA zone, or BAD_USER_INPUT for an unknown zone. */
function formatterOrThrow(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw appError('BAD_USER_INPUT', `${timeZone} is not a time zone of the IANA database`, { field: 'timeZone', reason: 'UNKNOWN_TIME_ZONE' });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function timeZoneOrThrow(timeZone: string): string {
  formatterOrThrow(timeZone);
  return timeZone;
}

/** The local wall-clock time of an instant in a zone, as milliseconds since the epoch of a UTC clock showing it. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterOrThrow(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
}

/**
 * The first instant of a local day in a zone: its midnight, or where a clock change skips midnight, the first
 * moment that exists that day.
 */
export function startOfLocalDay(d: LocalDate, timeZone: string): Date {
  const key = `${timeZone} ${formatLocalDate(d)}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  if (dayStarts.size >= MAX_DAY_STARTS) dayStarts.clear();
  const start = computeStartOfLocalDay(d, timeZone);
  dayStarts.set(key, start.getTime());
  return start;
}

/**
 * Where each local day starts, per zone, as found: a year of days asks the zone's rules about 1,500 times, which
 * costs more than the report's queries, and the answer never changes while the process runs.
 */
const dayStarts = new Map<string, number>();
const MAX_DAY_STARTS = 100_000;

function computeStartOfLocalDay(d: LocalDate, timeZone: string): Date {
  const midnight = Date.UTC(d.year, d.month - 1, d.day);
  const day = 86_400_000;
  const candidates = [midnight - 12 * 3_600_000, midnight + 12 * 3_600_000]
    .map((probe) => midnight - (wallClock(probe, timeZone) - probe))
    .filter((t) => {
      const wall = wallClock(t, timeZone);
      return wall >= midnight && wall < midnight + day;
    });
  return new Date(Math.min(...candidates));
}

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The first day of the period (day; ISO week from Monday; month) that contains `d`. */
export function periodStart(d: LocalDate, granularity: Granularity): LocalDate {
  if (granularity === 'day') return d;
  if (granularity === 'month') return { year: d.year, month: d.month, day: 1 };
  const weekday = (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
  return addDays(d, -weekday);
}

function nextPeriod(d: LocalDate, granularity: Granularity): LocalDate {
  if (granularity === 'day') return addDays(d, 1);
  if (granularity === 'week') return addDays(d, 7);
  return d.month === 12 ? { year: d.year + 1, month: 1, day: 1 } : { year: d.year, month: d.month + 1, day: 1 };
}

const before = (a: LocalDate, b: LocalDate) => formatLocalDate(a) < formatLocalDate(b);

/**
 * The periods of a report from `from` to `to` (local dates, both included) in a zone: the first starts on the
 * period holding `from`, the last holds `to`. Refuses `from` after `to`, an unknown zone and more than MAX_PERIODS.
 */
export function periodsOrThrow(input: { from: string; to: string; granularity: Granularity; timeZone: string }): Period[] {
  const from = localDateOrThrow(input.from, 'from');
  const to = localDateOrThrow(input.to, 'to');
  timeZoneOrThrow(input.timeZone);
  if (before(to, from)) throw appError('BAD_USER_INPUT', 'from comes after to', { field: 'to', reason: 'FROM_AFTER_TO' });
  const starts: LocalDate[] = [];
  for (let d = periodStart(from, input.granularity); !before(to, d); d = nextPeriod(d, input.granularity)) {
    if (starts.length === MAX_PERIODS) {
      throw appError('BAD_USER_INPUT', `A report has at most ${MAX_PERIODS} periods: shorten the range or take longer periods`, { field: 'to', reason: 'RANGE_TOO_LARGE' });
    }
    starts.push(d);
  }
  const bounds = [...starts, nextPeriod(starts.at(-1)!, input.granularity)].map((d) => startOfLocalDay(d, input.timeZone));
  return starts.map((start, i) => ({ start, startsAt: bounds[i]!, endsAt: bounds[i + 1]! }));
}

/** The 15-minute slot (UTC) an instant falls in. */
export function slotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / SLOT_MS) * SLOT_MS);
}
