import { describe, expect, it } from 'vitest';
import { formatLocalDate, MAX_PERIODS, periodsOrThrow, slotOf, startOfLocalDay } from './period.rules.ts';

const iso = (d: Date) => d.toISOString();

describe('periods in a time zone', () => {
  it('start at local midnight, and a day of a clock change has 23 or 25 hours', () => {
    expect(iso(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Paris'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(startOfLocalDay({ year: 2026, month: 3, day: 30 }, 'Europe/Paris'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(startOfLocalDay({ year: 2026, month: 10, day: 26 }, 'Europe/Paris'))).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(startOfLocalDay({ year: 2026, month: 1, day: 1 }, 'Asia/Kathmandu'))).toBe('2025-12-31T18:15:00.000Z');
    expect(iso(startOfLocalDay({ year: 2026, month: 1, day: 1 }, 'Pacific/Chatham'))).toBe('2025-12-31T10:15:00.000Z');
  });

  it('takes the first moment of a day whose midnight a clock change skips', () => {
    // Santiago springs forward at 00:00 on 6 September 2026: the day starts at 01:00 local, 04:00 UTC
    expect(iso(startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('align weeks on Monday and months on the first, holding from and to', () => {
    const weeks = periodsOrThrow({ from: '2026-03-04', to: '2026-03-16', granularity: 'week', timeZone: 'UTC' });
    expect(weeks.map((p) => formatLocalDate(p.start))).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    const months = periodsOrThrow({ from: '2026-11-15', to: '2027-01-02', granularity: 'month', timeZone: 'America/New_York' });
    expect(months.map((p) => [formatLocalDate(p.start), iso(p.startsAt)])).toEqual([
      ['2026-11-01', '2026-11-01T04:00:00.000Z'],
      ['2026-12-01', '2026-12-01T05:00:00.000Z'],
      ['2027-01-01', '2027-01-01T05:00:00.000Z'],
    ]);
    expect(iso(months.at(-1)!.endsAt)).toBe('2027-02-01T05:00:00.000Z');
  });

  it(`allows ${MAX_PERIODS} periods and no more`, () => {
    const from = '2026-01-01';
    const last = new Date(Date.UTC(2026, 0, MAX_PERIODS)).toISOString().slice(0, 10);
    expect(periodsOrThrow({ from, to: last, granularity: 'day', timeZone: 'UTC' })).toHaveLength(MAX_PERIODS);
    const over = new Date(Date.UTC(2026, 0, MAX_PERIODS + 1)).toISOString().slice(0, 10);
    expect(() => periodsOrThrow({ from, to: over, granularity: 'day', timeZone: 'UTC' })).toThrow(/at most/);
  });

  it('puts an instant in its 15-minute slot', () => {
    expect(iso(slotOf(new Date('2026-03-01T10:14:59.999Z')))).toBe('2026-03-01T10:00:00.000Z');
    expect(iso(slotOf(new Date('2026-03-01T10:15:00.000Z')))).toBe('2026-03-01T10:15:00.000Z');
  });
});
