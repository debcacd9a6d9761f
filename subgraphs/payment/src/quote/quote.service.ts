import { and, eq } from 'drizzle-orm';
import { appError, inTenant, personOrThrow, uuidOrThrow, type Db } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { quotes, prices } from '../tables.ts';
import { priceOrThrow, type QuoteRequest } from './quote.rules.ts';

export type QuoteRow = typeof quotes.$inferSelect;

const bigOrNull = (v: string | null) => (v === null ? null : BigInt(v));

/** Quotes: a price and total fixed for one buyer for `ttlSeconds`. */
export class QuoteService {
  constructor(
    private readonly db: Db,
    private readonly ttlSeconds: number,
  ) {}

  async create(principal: Principal, input: QuoteRequest & { readonly tokenId: string }): Promise<QuoteRow> {
    const person = personOrThrow(principal);
    if (!person.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
    const orgId = person.orgId;
    const tokenId = uuidOrThrow(input.tokenId, 'tokenId');
    return inTenant(this.db, { orgId, userId: person.userId }, async (tx) => {
      const [price] = await tx.select().from(prices).where(and(eq(prices.tokenId, tokenId)));
      if (!price) throw appError('NOT_FOUND', 'This token is not for sale', { field: 'tokenId' });
      const rule = { unitAmount: BigInt(price.unitAmount), perTokens: BigInt(price.perTokens), minTokens: bigOrNull(price.minTokens), maxTokens: bigOrNull(price.maxTokens) };
      const { tokens, total } = priceOrThrow(rule, input);
      const [row] = await tx
        .insert(quotes)
        .values({
          orgId,
          buyerId: person.userId,
          tokenId,
          priceId: price.id,
          priceVersion: price.version,
          currency: price.currency,
          unitAmount: price.unitAmount,
          perTokens: price.perTokens,
          tokens: tokens.toString(),
          total: total.toString(),
          expiresAt: new Date(Date.now() + this.ttlSeconds * 1000),
        })
        .returning();
      return row!;
    });
  }
}
