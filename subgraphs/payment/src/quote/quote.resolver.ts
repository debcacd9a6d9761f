import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { PaymentContext } from '../context.ts';
import { exponentOf } from '../money/money.ts';
import type { QuoteRow } from './quote.service.ts';
import { Quote, QuoteInput } from './quote.type.ts';

export const toQuote = (row: QuoteRow): Quote => ({
  id: row.id,
  token: { id: row.tokenId },
  tokens: row.tokens,
  currency: row.currency,
  currencyExponent: exponentOf(row.currency),
  unitAmount: row.unitAmount,
  perTokens: row.perTokens,
  total: row.total,
  expiresAt: row.expiresAt,
});

@Resolver(() => Quote)
export class QuoteResolver {
  @Mutation(() => Quote, { description: 'Fixes the price and total of a purchase for a few minutes.' })
  @Directive('@requiresScopes(scopes: [["payment:create"]])')
  async quoteTokenPurchase(@Arg('input', () => QuoteInput) input: QuoteInput, @Ctx() ctx: PaymentContext): Promise<Quote> {
    return toQuote(await ctx.services.quotes.create(ctx.principal, input));
  }
}
