import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, uuidOrThrow, type Db } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { currencyOrThrow, MAX_TOKENS, MAX_TOTAL, minorUnitsOrThrow } from '../money/money.ts';
import type { TokenLedger } from '../payment/token.client.ts';
import { prices } from '../tables.ts';
import type { PriceRow } from './price.mapper.ts';

export interface PriceInput {
  readonly tokenId: string;
  readonly currency: string;
  readonly unitAmount: string;
  readonly perTokens: string;
  readonly minTokens?: string | null | undefined;
  readonly maxTokens?: string | null | undefined;
}

const optional = (raw: string | null | undefined, field: string) => (raw === null || raw === undefined ? null : minorUnitsOrThrow(raw, field, MAX_TOKENS));

/** Token prices per organisation; every change raises the version that quotes remember. */
export class PriceService {
  constructor(
    private readonly db: Db,
    private readonly ledger: TokenLedger,
  ) {}

  list(principal: Principal): Promise<PriceRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(prices).orderBy(asc(prices.updatedAt)));
  }

  byTokenIds(principal: Principal, tokenIds: readonly string[]): Promise<(PriceRow | null)[]> {
    return loadByIds(tokenIds, (valid) => inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(prices).where(inArray(prices.tokenId, valid))), (r) => r.tokenId);
  }

  async set(principal: Principal, principalToken: string, input: PriceInput): Promise<PriceRow> {
    const scope = scopeOf(principal);
    if (!scope.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
    const orgId = scope.orgId;
    const tokenId = uuidOrThrow(input.tokenId, 'tokenId');
    const currency = currencyOrThrow(input.currency);
    const unitAmount = minorUnitsOrThrow(input.unitAmount, 'unitAmount', MAX_TOTAL);
    const perTokens = minorUnitsOrThrow(input.perTokens, 'perTokens', MAX_TOKENS);
    const minTokens = optional(input.minTokens, 'minTokens');
    const maxTokens = optional(input.maxTokens, 'maxTokens');
    if (minTokens !== null && maxTokens !== null && minTokens > maxTokens) throw appError('BAD_USER_INPUT', 'The minimum is above the maximum', { field: 'minTokens' });
    if ((await this.ledger.reserve(principalToken, { tokenId, tokens: 1n, quoteId: null })) === 'no_token') throw appError('NOT_FOUND', 'No such token in this organisation', { field: 'tokenId' });
    const values = { currency, unitAmount: unitAmount.toString(), perTokens: perTokens.toString(), minTokens: minTokens?.toString() ?? null, maxTokens: maxTokens?.toString() ?? null };
    const [row] = await inTenant(this.db, scope, (tx) =>
      tx
        .insert(prices)
        .values({ orgId, tokenId, ...values })
        .onConflictDoUpdate({ target: [prices.orgId, prices.tokenId], set: { ...values, version: sql`${prices.version} + 1`, updatedAt: new Date() } })
        .returning(),
    );
    return row!;
  }

  async remove(principal: Principal, tokenId: string): Promise<boolean> {
    const id = uuidOrThrow(tokenId, 'tokenId');
    const removed = await inTenant(this.db, scopeOf(principal), (tx) => tx.delete(prices).where(and(eq(prices.tokenId, id))).returning({ id: prices.id }));
    return removed.length > 0;
  }
}
