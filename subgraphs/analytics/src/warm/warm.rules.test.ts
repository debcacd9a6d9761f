import { describe, expect, it } from 'vitest';
import { dashboardDefaultRanges, prefixes, targetsOfPass, zonesToWarm } from './warm.rules.ts';

describe('what the dashboard warm pass warms', () => {
  it('asks the last 30 days up to today by day in the zone, as the dashboard page does', () => {
    const now = new Date('2026-03-31T22:30:00Z');
    expect(dashboardDefaultRanges(now, 'UTC')).toEqual([{ from: '2026-03-02', to: '2026-03-31', granularity: 'day', timeZone: 'UTC' }]);
    // already 1 April in Paris (UTC+2 in summer time), and 29 days before was still 2 March there (UTC+1): the page's own arithmetic
    expect(dashboardDefaultRanges(now, 'Europe/Paris')).toEqual([{ from: '2026-03-02', to: '2026-04-01', granularity: 'day', timeZone: 'Europe/Paris' }]);
  });

  it('chooses the token’s readers’ zones, else the organisation’s, else Europe/Paris and UTC, three at most', () => {
    expect(zonesToWarm(['Asia/Tokyo', 'UTC', 'Asia/Tokyo'], ['America/Lima'])).toEqual(['Asia/Tokyo', 'UTC']);
    expect(zonesToWarm([], ['America/Lima'])).toEqual(['America/Lima']);
    expect(zonesToWarm([], [])).toEqual(['Europe/Paris', 'UTC']);
    expect(zonesToWarm(['A', 'B', 'C', 'D'], [])).toEqual(['A', 'B', 'C']);
  });

  it('takes the tokens just touched by events first, each once, within the bound', () => {
    const t = (n: string) => ({ orgId: 'o', tokenId: n });
    expect(targetsOfPass([t('b'), t('a')], [t('a'), t('c'), t('d')], 3)).toEqual([t('b'), t('a'), t('c')]);
  });

  it('reads a long range in growing prefixes of a bounded number of periods', () => {
    expect(prefixes([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [1, 2, 3, 4], [1, 2, 3, 4, 5]]);
    expect(prefixes([1, 2], 31)).toEqual([[1, 2]]);
  });
});
