import { exponentOf } from '../money/money.ts';
import type { prices } from '../tables.ts';
import type { TokenPrice } from './price.type.ts';

export type PriceRow = typeof prices.$inferSelect;

export const toPrice = (row: PriceRow): TokenPrice => ({
  token: { id: row.tokenId },
  currency: row.currency,
  currencyExponent: exponentOf(row.currency),
  unitAmount: row.unitAmount,
  perTokens: row.perTokens,
  minTokens: row.minTokens,
  maxTokens: row.maxTokens,
  updatedAt: row.updatedAt,
});
