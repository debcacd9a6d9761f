/**
 * Distinct active people over spans of time, from spans counted before. A person is active in [s, e) once, on
 * their first activity row in it (the row whose previous activity is before s, or who had none). So the count of
 * [s, e) is the count of a span [s, x) kept earlier (x ≤ e) plus the rows of [x, e) whose previous activity is
 * before s: only the rows after x are read.
 */
export interface Span {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface CountedSpan extends Span {
  readonly members: number;
}

/** Where counting a span resumes: the people already counted in [startsAt, from), and `from` (its end when all are). */
export interface Resume {
  readonly base: number;
  readonly from: Date;
}

/** For each wanted span, the longest kept span that starts with it and ends at or before its end (none: from its start). */
export function resumeFrom(wanted: readonly Span[], kept: readonly CountedSpan[]): Resume[] {
  const byStart = new Map<number, CountedSpan[]>();
  for (const k of kept) byStart.set(k.startsAt.getTime(), [...(byStart.get(k.startsAt.getTime()) ?? []), k]);
  return wanted.map((w) => {
    let best: Resume = { base: 0, from: w.startsAt };
    for (const k of byStart.get(w.startsAt.getTime()) ?? []) {
      if (k.endsAt.getTime() <= w.endsAt.getTime() && k.endsAt.getTime() > best.from.getTime()) best = { base: k.members, from: k.endsAt };
    }
    return best;
  });
}

/** What one read of the activity rows found: per period, the rows to add to it, and the range's first rows. */
export interface PeriodScan {
  /** Rows of the period from its resume point whose previous activity is before the period. */
  readonly added: number;
  /** Rows of the period from the range's resume point whose previous activity is before the range. */
  readonly firsts: number;
  /** The same two, of the rows before the cut only (see `countSpans`). */
  readonly addedBeforeCut: number;
  readonly firstsBeforeCut: number;
}

/**
 * Where a period still open is cut to keep what it holds so far: the start of the current UTC day (before `now`,
 * so kept; later rows are few, and a new cut comes once a day).
 */
export function cutOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
}

export interface SpanCounts {
  /** Active people per period. */
  readonly periods: number[];
  /** Active people over the whole range. */
  readonly total: number;
  /** Spans worth keeping: closed (ended by `now`) and not kept already; no two with the same bounds. */
  readonly keep: CountedSpan[];
}

/**
 * The counts of the periods and of the whole range, and what to keep: each closed period, the range from its
 * start to each closed period end after its resume point (so tomorrow's read of the same range resumes there), and
 * each period still open and the range, from their start to the cut (so the next read resumes there).
 */
export function countSpans(periods: readonly Span[], resumes: readonly Resume[], whole: Resume, scans: readonly PeriodScan[], now: Date): SpanCounts {
  const cut = cutOf(now);
  const counts = periods.map((_, i) => resumes[i]!.base + (scans[i]?.added ?? 0));
  const keep = new Map<string, CountedSpan>();
  const add = (s: CountedSpan) => {
    if (s.endsAt.getTime() <= now.getTime()) keep.set(`${s.startsAt.getTime()}:${s.endsAt.getTime()}`, s);
  };
  const cuts = (s: Span, from: Date) => s.endsAt.getTime() > now.getTime() && from.getTime() < cut.getTime() && s.startsAt.getTime() < cut.getTime();
  periods.forEach((p, i) => {
    if (resumes[i]!.from.getTime() < p.endsAt.getTime()) add({ ...p, members: counts[i]! });
    if (cuts(p, resumes[i]!.from)) add({ startsAt: p.startsAt, endsAt: cut, members: resumes[i]!.base + (scans[i]?.addedBeforeCut ?? 0) });
  });
  const start = periods[0]!.startsAt;
  let running = whole.base;
  let beforeCut = whole.base;
  periods.forEach((p, i) => {
    running += scans[i]?.firsts ?? 0;
    beforeCut += scans[i]?.firstsBeforeCut ?? 0;
    if (p.endsAt.getTime() > whole.from.getTime()) add({ startsAt: start, endsAt: p.endsAt, members: running });
  });
  if (cuts({ startsAt: start, endsAt: periods.at(-1)!.endsAt }, whole.from)) add({ startsAt: start, endsAt: cut, members: beforeCut });
  return { periods: counts, total: running, keep: [...keep.values()] };
}
