import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requestLoader } from '@etika/kit';
import type { PaymentContext } from '../context.ts';
import { toPrice } from './price.mapper.ts';
import { SetTokenPriceInput, TokenPrice, TokenRef } from './price.type.ts';

export const tokenReference = { __resolveReference: (ref: { id: string }): TokenRef => ({ id: ref.id }) };

@Resolver(() => TokenPrice)
export class PriceResolver {
  @Query(() => [TokenPrice], { description: "The prices of the active organisation's tokens." })
  @Directive('@requiresScopes(scopes: [["payment:read"]])')
  async tokenPrices(@Ctx() ctx: PaymentContext): Promise<TokenPrice[]> {
    return (await ctx.services.prices.list(ctx.principal)).map(toPrice);
  }

  @Mutation(() => TokenPrice, { description: 'Sets (or changes) the price of a token; quotes given at the old price are refused from now on.' })
  @Directive('@requiresScopes(scopes: [["payment:manage"]])')
  async setTokenPrice(@Arg('input', () => SetTokenPriceInput) input: SetTokenPriceInput, @Ctx() ctx: PaymentContext): Promise<TokenPrice> {
    return toPrice(await ctx.services.prices.set(ctx.principal, ctx.principalToken, input));
  }

  @Mutation(() => Boolean, { description: 'Stops selling a token; answers whether it had a price.' })
  @Directive('@requiresScopes(scopes: [["payment:manage"]])')
  async removeTokenPrice(@Arg('tokenId', () => ID) tokenId: string, @Ctx() ctx: PaymentContext): Promise<boolean> {
    return ctx.services.prices.remove(ctx.principal, tokenId);
  }
}

@Resolver(() => TokenRef)
export class TokenPriceResolver {
  @FieldResolver(() => TokenPrice, { nullable: true, description: 'What it costs; null when it is not for sale.' })
  @Directive('@requiresScopes(scopes: [["payment:read"]])')
  async price(@Root() token: TokenRef, @Ctx() ctx: PaymentContext): Promise<TokenPrice | null> {
    const loader = requestLoader(ctx, 'price', async (ids) => (await ctx.services.prices.byTokenIds(ctx.principal, ids)).map((r) => (r ? toPrice(r) : null)));
    return loader.load(token.id);
  }
}
