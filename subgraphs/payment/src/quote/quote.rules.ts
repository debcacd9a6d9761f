import { appError } from '@etika/kit';
import { MAX_TOKENS, MAX_TOTAL, minorUnitsOrThrow, tokensFor, totalFor, type Rate } from '../money/money.ts';

export interface PriceRule extends Rate {
  readonly minTokens: bigint | null;
  readonly maxTokens: bigint | null;
}

export interface QuoteRequest {
  readonly tokens?: string | null | undefined;
  readonly total?: string | null | undefined;
}

/**
 * Tokens and total of a purchase at a price: from the tokens asked for, or from the most the buyer wants to pay
 * (as many tokens as that buys). Refused when it buys nothing, falls outside the price's minimum or maximum per
 * purchase, or costs more than one payment may carry.
 */
export function priceOrThrow(rule: PriceRule, request: QuoteRequest): { tokens: bigint; total: bigint } {
  const hasTokens = request.tokens !== null && request.tokens !== undefined;
  const hasTotal = request.total !== null && request.total !== undefined;
  if (hasTokens === hasTotal) throw appError('BAD_USER_INPUT', 'Ask for either a number of tokens or a total', { field: hasTokens ? 'total' : 'tokens' });
  const tokens = hasTokens ? minorUnitsOrThrow(request.tokens!, 'tokens', MAX_TOKENS) : tokensFor(minorUnitsOrThrow(request.total!, 'total', MAX_TOTAL), rule);
  if (tokens === 0n) throw appError('PURCHASE_LIMIT', 'That total does not buy a single unit of the token', { field: 'total' });
  if (rule.minTokens !== null && tokens < rule.minTokens) throw appError('PURCHASE_LIMIT', `One purchase buys at least ${rule.minTokens} units`, { field: hasTokens ? 'tokens' : 'total' });
  if (rule.maxTokens !== null && tokens > rule.maxTokens) throw appError('PURCHASE_LIMIT', `One purchase buys at most ${rule.maxTokens} units`, { field: hasTokens ? 'tokens' : 'total' });
  const total = totalFor(tokens, rule);
  if (total > MAX_TOTAL) throw appError('PURCHASE_LIMIT', `One payment carries at most ${MAX_TOTAL} minor units`, { field: hasTokens ? 'tokens' : 'total' });
  return { tokens, total };
}

/** A quote holds until its expiry, not one moment later. */
export function isExpired(quote: { readonly expiresAt: Date }, now: Date): boolean {
  return now.getTime() >= quote.expiresAt.getTime();
}
