import { appError, scopeOf, uuidOrThrow } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { formatLocalDate, periodsOrThrow, type Granularity, type Period } from '../period/period.rules.ts';
import type { AnalyticsStore, MoneyPeriodRow, TokenPeriodRow } from '../store/store.ts';

export interface RangeInput {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly timeZone: string;
}

export interface PeriodStats extends TokenPeriodRow {
  readonly period: Period;
}

export interface TokenReport {
  readonly tokenId: string;
  readonly periods: PeriodStats[];
  readonly totals: PeriodStats;
  readonly money: (MoneyPeriodRow & { readonly start: string })[];
}

function orgScopeOrThrow(principal: Principal) {
  const scope = scopeOf(principal);
  if (!scope.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
  return scope;
}

/** Reports over periods of local days in a zone; the store answers for the principal's organisation only. */
export class SeriesService {
  constructor(private readonly store: AnalyticsStore) {}

  async tokenReport(principal: Principal, tokenId: string, range: RangeInput): Promise<TokenReport> {
    const scope = orgScopeOrThrow(principal);
    const id = uuidOrThrow(tokenId, 'tokenId');
    const periods = periodsOrThrow(range);
    const whole: Period = { start: periods[0]!.start, startsAt: periods[0]!.startsAt, endsAt: periods.at(-1)!.endsAt };
    const [series, money] = await Promise.all([this.store.tokenSeries(scope, id, periods, { timeZone: range.timeZone }), this.store.moneySeries(scope, id, periods)]);
    return {
      tokenId: id,
      periods: series.periods.map((r, i) => ({ ...r, period: periods[i]! })),
      totals: { ...series.totals, period: whole },
      money: money.map((m) => ({ ...m, start: formatLocalDate(periods[m.period]!.start) })),
    };
  }

  async membership(principal: Principal, range: RangeInput) {
    const periods = periodsOrThrow(range);
    const rows = await this.store.membershipSeries(orgScopeOrThrow(principal), periods);
    return rows.map((r, i) => ({ ...r, start: formatLocalDate(periods[i]!.start) }));
  }

  /** The principal's own balance at the end of each period. */
  async myBalance(principal: Principal, tokenId: string, range: RangeInput) {
    if (principal.kind !== 'user') throw appError('FORBIDDEN', 'Only people have balances');
    const id = uuidOrThrow(tokenId, 'tokenId');
    const periods = periodsOrThrow(range);
    const balances = await this.store.balanceHistory(orgScopeOrThrow(principal), id, principal.userId, periods);
    return balances.map((balance, i) => ({ start: formatLocalDate(periods[i]!.start), endsAt: periods[i]!.endsAt, balance: balance.toString() }));
  }

  async holders(principal: Principal, tokenId: string, top: number) {
    if (!Number.isInteger(top) || top < 1 || top > 100) throw appError('BAD_USER_INPUT', 'top is between 1 and 100', { field: 'top' });
    return this.store.holders(orgScopeOrThrow(principal), uuidOrThrow(tokenId, 'tokenId'), top);
  }
}

export { orgScopeOrThrow };
