import { describe, expect, it } from 'vitest';
import { countSpans, resumeFrom } from './spans.rules.ts';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const span = (from: number, to: number) => ({ startsAt: at(from), endsAt: at(to) });

describe('resuming distinct counts from kept spans', () => {
  it('takes the longest kept span that starts with the wanted one and does not pass its end', () => {
    const kept = [{ ...span(1, 2), members: 3 }, { ...span(1, 5), members: 7 }, { ...span(1, 9), members: 9 }, { ...span(2, 4), members: 1 }];
    expect(resumeFrom([span(1, 6), span(1, 2), span(2, 3), span(3, 4)], kept)).toEqual([
      { base: 7, from: at(5) },
      { base: 3, from: at(2) },
      { base: 0, from: at(2) },
      { base: 0, from: at(3) },
    ]);
  });

  it('adds what was read after the resume points, and keeps closed spans only, each once', () => {
    const periods = [span(1, 2), span(2, 3), span(3, 4)];
    const resumes = [{ base: 4, from: at(2) }, { base: 0, from: at(2) }, { base: 0, from: at(3) }];
    const whole = { base: 4, from: at(2) };
    // read on day 3 at midnight: the first two periods lie before the cut, the third after it
    const scans = [
      { added: 0, firsts: 0, addedBeforeCut: 0, firstsBeforeCut: 0 },
      { added: 5, firsts: 2, addedBeforeCut: 5, firstsBeforeCut: 2 },
      { added: 6, firsts: 1, addedBeforeCut: 0, firstsBeforeCut: 0 },
    ];
    const counts = countSpans(periods, resumes, whole, scans, at(3));
    expect(counts.periods).toEqual([4, 5, 6]);
    expect(counts.total).toBe(7);
    // the first period was kept already; the third is still open; the range is kept up to the second's end
    expect(counts.keep).toEqual([{ ...span(2, 3), members: 5 }, { ...span(1, 3), members: 6 }]);
  });

  it('keeps the range as long as a period when they coincide, once', () => {
    const counts = countSpans([span(1, 2)], [{ base: 0, from: at(1) }], { base: 0, from: at(1) }, [{ added: 3, firsts: 3, addedBeforeCut: 3, firstsBeforeCut: 3 }], at(10));
    expect(counts.keep).toEqual([{ ...span(1, 2), members: 3 }]);
  });

  it('keeps a period still open, and the range, up to the start of the current UTC day', () => {
    const week = { startsAt: at(1), endsAt: at(8) };
    const now = new Date(at(4).getTime() + 6 * 3_600_000);
    const scans = [{ added: 9, firsts: 9, addedBeforeCut: 7, firstsBeforeCut: 7 }];
    const counts = countSpans([week], [{ base: 0, from: at(1) }], { base: 0, from: at(1) }, scans, now);
    expect(counts.periods).toEqual([9]);
    expect(counts.keep).toEqual([{ ...span(1, 4), members: 7 }]);
    // resumed from that cut the next day: what was kept plus the rows after it
    const next = countSpans([week], [{ base: 7, from: at(4) }], { base: 7, from: at(4) }, [{ added: 4, firsts: 4, addedBeforeCut: 3, firstsBeforeCut: 3 }], new Date(at(5).getTime() + 60_000));
    expect(next.periods).toEqual([11]);
    expect(next.keep).toEqual([{ ...span(1, 5), members: 10 }]);
  });
});
