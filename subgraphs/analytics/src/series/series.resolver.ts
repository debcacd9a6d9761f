import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { formatLocalDate } from '../period/period.rules.ts';
import type { AnalyticsContext } from '../context.ts';
import type { PeriodStats } from './series.service.ts';
import { AnalyticsRangeInput, BalanceHistory, MembershipAnalytics, TokenAnalytics, TokenPeriodStats } from './series.type.ts';

export const toPeriodStats = (r: PeriodStats): TokenPeriodStats => ({
  start: formatLocalDate(r.period.start),
  startsAt: r.period.startsAt,
  endsAt: r.period.endsAt,
  issued: r.issued.toString(),
  sold: r.sold.toString(),
  transferred: r.transferred.toString(),
  redeemed: r.redeemed.toString(),
  reversed: r.reversed.toString(),
  refunded: r.refunded.toString(),
  transactions: r.transactions,
  activeMembers: r.activeMembers,
  circulatingSupply: r.circulatingSupply.toString(),
});

@Resolver(() => TokenAnalytics)
export class SeriesResolver {
  @Query(() => TokenAnalytics, { description: "A token's numbers of the active organisation, period by period." })
  @Directive('@requiresScopes(scopes: [["analytics:read"]])')
  async tokenAnalytics(
    @Arg('tokenId', () => ID) tokenId: string,
    @Arg('range', () => AnalyticsRangeInput) range: AnalyticsRangeInput,
    @Ctx() ctx: AnalyticsContext,
  ): Promise<TokenAnalytics> {
    const report = await ctx.series.tokenReport(ctx.principal, tokenId, range);
    return {
      tokenId: report.tokenId,
      periods: report.periods.map(toPeriodStats),
      totals: toPeriodStats(report.totals),
      money: report.money.map((m) => ({ start: m.start, currency: m.currency, paid: m.paid.toString(), refunded: m.refunded.toString(), payments: m.payments })),
    };
  }

  @Query(() => MembershipAnalytics, { description: 'People who joined and left the active organisation, period by period.' })
  @Directive('@requiresScopes(scopes: [["analytics:read"]])')
  async membershipAnalytics(@Arg('range', () => AnalyticsRangeInput) range: AnalyticsRangeInput, @Ctx() ctx: AnalyticsContext): Promise<MembershipAnalytics> {
    return { periods: await ctx.series.membership(ctx.principal, range) };
  }

  @Query(() => BalanceHistory, { description: 'Your own balance of a token at the end of each period.' })
  @Directive('@requiresScopes(scopes: [["token:read"]])')
  async myBalanceHistory(
    @Arg('tokenId', () => ID) tokenId: string,
    @Arg('range', () => AnalyticsRangeInput) range: AnalyticsRangeInput,
    @Ctx() ctx: AnalyticsContext,
  ): Promise<BalanceHistory> {
    return { tokenId: tokenId.toLowerCase(), points: await ctx.series.myBalance(ctx.principal, tokenId, range) };
  }
}
