import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../context.ts';
import { TokenHolders } from './holders.type.ts';

/** topDecileAmount / circulating as a share from 0 to 1, to four decimals, computed on integers. */
export function shareOf(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 10_000n) / whole) / 10_000;
}

@Resolver(() => TokenHolders)
export class HoldersResolver {
  @Query(() => TokenHolders, { description: 'Who holds a token of the active organisation now.' })
  @Directive('@requiresScopes(scopes: [["analytics:read"]])')
  async tokenHolders(
    @Arg('tokenId', () => ID) tokenId: string,
    @Arg('top', () => Int, { defaultValue: 10, description: 'How many of the largest holders (1 to 100).' }) top: number,
    @Ctx() ctx: AnalyticsContext,
  ): Promise<TokenHolders> {
    const r = await ctx.series.holders(ctx.principal, tokenId, top);
    return {
      tokenId: tokenId.toLowerCase(),
      holders: r.holders,
      circulatingSupply: r.circulatingSupply.toString(),
      topDecileAmount: r.topDecileAmount.toString(),
      topDecileShare: shareOf(r.topDecileAmount, r.circulatingSupply),
      top: r.top.map((t) => ({ user: { id: t.userId }, balance: t.balance.toString() })),
      distribution: r.distribution.map((d) => ({ lowerBound: d.lowerBound.toString(), holders: d.holders })),
    };
  }
}
