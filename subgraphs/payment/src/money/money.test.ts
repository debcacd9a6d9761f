import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { priceOrThrow } from '../quote/quote.rules.ts';
import { isExpired } from '../quote/quote.rules.ts';
import { currencyOrThrow, exponentOf, MAX_TOTAL, minorUnitsOrThrow, refundAmount, tokensFor, totalFor } from './money.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof GraphQLError ? { code: err.extensions['code'], field: err.extensions['field'] } : { code: 'not a GraphQLError' };
  }
  return null;
};

describe('amounts in minor units', () => {
  it.each([
    ['-5', 'BAD_USER_INPUT'],
    ['0', 'BAD_USER_INPUT'],
    ['1.50', 'BAD_USER_INPUT'],
    ['1,5', 'BAD_USER_INPUT'],
    ['abc', 'BAD_USER_INPUT'],
    ['', 'BAD_USER_INPUT'],
    ['1e3', 'BAD_USER_INPUT'],
    [(MAX_TOTAL + 1n).toString(), 'BAD_USER_INPUT'],
    ['9'.repeat(60), 'BAD_USER_INPUT'],
  ])('refuses %j with %s and the field', (raw, code) => {
    expect(codeOf(() => minorUnitsOrThrow(raw, 'total', MAX_TOTAL))).toEqual({ code, field: 'total' });
  });

  it('reads whole minor units as bigint', () => {
    expect(minorUnitsOrThrow(' 1250 ', 'total', MAX_TOTAL)).toBe(1250n);
    expect(minorUnitsOrThrow(MAX_TOTAL.toString(), 'total', MAX_TOTAL)).toBe(MAX_TOTAL);
  });

  it('knows the exponent of each accepted currency and refuses the others', () => {
    expect(exponentOf(currencyOrThrow('eur'))).toBe(2);
    expect(exponentOf(currencyOrThrow('JPY'))).toBe(0);
    expect(codeOf(() => currencyOrThrow('XYZ'))).toEqual({ code: 'UNSUPPORTED_CURRENCY', field: 'currency' });
    expect(codeOf(() => currencyOrThrow('€'))).toEqual({ code: 'UNSUPPORTED_CURRENCY', field: 'currency' });
  });
});

describe('prices and totals', () => {
  const rate = { unitAmount: 150n, perTokens: 100n }; // 1.50 EUR for one token of two decimals

  it('rounds a total up to a whole minor unit and tokens for a total down', () => {
    expect(totalFor(100n, rate)).toBe(150n);
    expect(totalFor(1n, rate)).toBe(2n);
    expect(tokensFor(150n, rate)).toBe(100n);
    expect(tokensFor(151n, rate)).toBe(100n);
    for (let total = 1n; total < 500n; total += 7n) expect(totalFor(tokensFor(total, rate), rate) <= total).toBe(true);
  });

  it('quotes from tokens or from a total, within the minimum and maximum per purchase', () => {
    const rule = { ...rate, minTokens: 100n, maxTokens: 10_000n };
    expect(priceOrThrow(rule, { tokens: '250' })).toEqual({ tokens: 250n, total: 375n });
    expect(priceOrThrow(rule, { total: '300' })).toEqual({ tokens: 200n, total: 300n });
    expect(codeOf(() => priceOrThrow(rule, { tokens: '99' }))).toEqual({ code: 'PURCHASE_LIMIT', field: 'tokens' });
    expect(codeOf(() => priceOrThrow(rule, { tokens: '10001' }))).toEqual({ code: 'PURCHASE_LIMIT', field: 'tokens' });
    expect(codeOf(() => priceOrThrow(rule, { total: '1' }))).toEqual({ code: 'PURCHASE_LIMIT', field: 'total' });
    expect(codeOf(() => priceOrThrow(rule, { tokens: '100', total: '150' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'total' });
    expect(codeOf(() => priceOrThrow(rule, {}))).toEqual({ code: 'BAD_USER_INPUT', field: 'tokens' });
    expect(codeOf(() => priceOrThrow({ ...rule, maxTokens: null }, { tokens: '9'.repeat(30) }))).toEqual({ code: 'PURCHASE_LIMIT', field: 'tokens' });
  });

  it('holds a quote until its expiry and not a moment after', () => {
    const expiresAt = new Date(1_000_000);
    expect(isExpired({ expiresAt }, new Date(999_999))).toBe(false);
    expect(isExpired({ expiresAt }, new Date(1_000_000))).toBe(true);
  });
});

describe('refund amounts', () => {
  const paid = { total: 1000n, tokens: 3n };

  it('returns in proportion, and all that is left with the last tokens', () => {
    const first = refundAmount(paid, { tokens: 0n, amount: 0n }, 1n);
    const second = refundAmount(paid, { tokens: 1n, amount: first }, 1n);
    const last = refundAmount(paid, { tokens: 2n, amount: first + second }, 1n);
    expect([first, second, last]).toEqual([333n, 333n, 334n]);
    expect(refundAmount(paid, { tokens: 0n, amount: 0n }, 3n)).toBe(1000n);
  });

  it('never returns more than was paid, in any split', () => {
    for (const total of [1n, 7n, 999n, 1000n]) {
      for (const tokens of [1n, 2n, 3n, 10n]) {
        let before = { tokens: 0n, amount: 0n };
        while (before.tokens < tokens) {
          const amount = refundAmount({ total, tokens }, before, 1n);
          expect(amount >= 0n).toBe(true);
          before = { tokens: before.tokens + 1n, amount: before.amount + amount };
        }
        expect(before.amount).toBe(total);
      }
    }
    expect(() => refundAmount(paid, { tokens: 2n, amount: 0n }, 2n)).toThrow();
  });
});
