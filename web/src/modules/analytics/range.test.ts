import { describe, expect, it } from 'vitest';
import { chartValue, lastDays, localDate, periodLabel } from './range.ts';

describe('dashboard ranges', () => {
  it('count days in the person’s zone, not the server’s', () => {
    const now = new Date('2026-03-01T23:30:00Z');
    expect(localDate(now, 'Europe/Paris')).toBe('2026-03-02');
    expect(localDate(now, 'America/New_York')).toBe('2026-03-01');
    expect(lastDays(30, 'DAY', 'Europe/Paris', now)).toEqual({ from: '2026-02-01', to: '2026-03-02', granularity: 'DAY', timeZone: 'Europe/Paris' });
  });

  it('label periods in the locale', () => {
    expect(periodLabel('2026-03-02', 'DAY', 'fr-FR')).toBe('2 mars');
    expect(periodLabel('2026-03-01', 'MONTH', 'en-GB')).toBe('Mar 2026');
  });

  it('scale minor units for charts', () => {
    expect(chartValue('123456', 2)).toBe(1234.56);
  });
});
