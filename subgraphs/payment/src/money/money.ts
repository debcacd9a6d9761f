import { appError } from '@etika/kit';

/**
 * The currencies a price may be set in, with their ISO 4217 exponent (minor units per major unit as a power of
 * ten). Amounts are bigint minor units everywhere; a currency outside this list is refused.
 */
export const CURRENCY_EXPONENTS = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, JPY: 0 } as const satisfies Record<string, number>;
export type Currency = keyof typeof CURRENCY_EXPONENTS;

/** The largest total one payment may carry (Stripe's limit of 8 digits, 999,999.99 EUR). */
export const MAX_TOTAL = 99_999_999n;
/** The largest token amount (the ledger's: below 2^127). */
export const MAX_TOKENS = 2n ** 127n - 1n;

export function currencyOrThrow(raw: string, field = 'currency'): Currency {
  const code = raw.trim().toUpperCase();
  if (!(code in CURRENCY_EXPONENTS)) {
    throw appError('UNSUPPORTED_CURRENCY', `Prices can be set in ${Object.keys(CURRENCY_EXPONENTS).join(', ')}`, { field });
  }
  return code as Currency;
}

export const exponentOf = (currency: string): number => CURRENCY_EXPONENTS[currency as Currency] ?? 2;

/**
 * A positive amount of whole minor units from its wire form. Negative, zero, fractional, non-numeric or larger
 * than `max` is the caller's mistake, with the field it came in.
 */
export function minorUnitsOrThrow(raw: string, field: string, max: bigint): bigint {
  const text = raw.trim();
  if (/^[+-]?\d*[.,]\d*$/.test(text) && /\d/.test(text)) throw appError('BAD_USER_INPUT', 'Amounts are whole numbers of the smallest unit; no decimals', { field });
  if (/^-\d+$/.test(text)) throw appError('BAD_USER_INPUT', 'The amount must be more than zero', { field });
  if (!/^\d{1,40}$/.test(text)) throw appError('BAD_USER_INPUT', 'The amount must be a positive whole number', { field });
  const value = BigInt(text);
  if (value === 0n) throw appError('BAD_USER_INPUT', 'The amount must be more than zero', { field });
  if (value > max) throw appError('BAD_USER_INPUT', `The amount is too large (at most ${max})`, { field });
  return value;
}

/** What a price is: `unitAmount` minor units of money for `perTokens` token minor units. */
export interface Rate {
  readonly unitAmount: bigint;
  readonly perTokens: bigint;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The total for some tokens, rounded up to a whole minor unit of money (never less than what the tokens cost). */
export function totalFor(tokens: bigint, rate: Rate): bigint {
  return ceilDiv(tokens * rate.unitAmount, rate.perTokens);
}

/** The most tokens a total buys (rounded down): `totalFor(tokensFor(t)) <= t`. */
export function tokensFor(total: bigint, rate: Rate): bigint {
  return (total * rate.perTokens) / rate.unitAmount;
}

/**
 * The money a refund of `tokens` returns, given what earlier refunds already promised: in proportion to the tokens
 * (rounded down), and when it takes back the last of the tokens, all the money not yet returned. The refunds of a
 * payment therefore never return more than was paid, and return all of it when all the tokens come back.
 */
export function refundAmount(paid: { readonly total: bigint; readonly tokens: bigint }, before: { readonly tokens: bigint; readonly amount: bigint }, tokens: bigint): bigint {
  if (tokens <= 0n || before.tokens + tokens > paid.tokens) throw new Error('refund outside the payment');
  if (before.tokens + tokens === paid.tokens) return paid.total - before.amount;
  const share = (paid.total * tokens) / paid.tokens;
  return share < paid.total - before.amount ? share : paid.total - before.amount;
}
