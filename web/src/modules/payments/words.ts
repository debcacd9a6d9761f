import { formatAmount, type AmountProblem } from '../../app/amount.ts';
import { translate } from '../../app/i18n.ts';
import type { PaymentAttemptOutcome, PriceFieldsFragment } from '../../gql/graphql.ts';
import { amountProblemText } from '../../ui/AmountField.tsx';
import { declineReason, formatMoney } from './money.ts';

/** A token as the payment pages show it. */
export interface PaymentToken {
  readonly id: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** A token that is for sale, with its price. */
export interface SaleToken extends PaymentToken {
  readonly name: string;
  readonly price: PriceFieldsFragment;
}

export interface Money {
  readonly currency: string;
  readonly currencyExponent: number;
}

export const tokensText = (minor: string | bigint, token: PaymentToken, locale: string) => `${formatAmount(minor, token.decimals, locale)} ${token.symbol}`;

export const moneyText = (minor: string | bigint, money: Money, locale: string) => formatMoney(minor, money.currency, money.currencyExponent, locale);

/** "Price: €1.50 for 1.00 ACME." */
export function priceText(token: SaleToken, locale: string): string {
  return translate('payments.priceLine', { money: moneyText(token.price.unitAmount, token.price, locale), tokens: tokensText(token.price.perTokens, token, locale) });
}

/** The least and most one purchase may buy, in a sentence; null without limits. */
export function limitsText(token: SaleToken, locale: string): string | null {
  const { minTokens, maxTokens } = token.price;
  const min = minTokens ? tokensText(minTokens, token, locale) : null;
  const max = maxTokens ? tokensText(maxTokens, token, locale) : null;
  if (min && max) return translate('payments.limitBoth', { min, max });
  if (min) return translate('payments.limitMin', { min });
  if (max) return translate('payments.limitMax', { max });
  return null;
}

/** Tokens asked for outside the price's limits, in words; null when within. */
export function limitProblem(minor: bigint, token: SaleToken, locale: string): string | null {
  const { minTokens, maxTokens } = token.price;
  if (minTokens && minor < BigInt(minTokens)) return translate('payments.belowMin', { min: tokensText(minTokens, token, locale) });
  if (maxTokens && minor > BigInt(maxTokens)) return translate('payments.aboveMax', { max: tokensText(maxTokens, token, locale) });
  return null;
}

/** A refused amount of money in words: as for tokens, but decimals are the currency's. */
export function moneyProblemText(problem: AmountProblem, currency: string, exponent: number, locale: string): string {
  if (problem === 'tooManyDecimals') return translate('payments.moneyTooManyDecimals', { count: exponent, currency });
  if (problem === 'wholeOnly') return translate('payments.moneyWholeOnly', { currency });
  return amountProblemText(problem, exponent, locale);
}

export const declineText = (code: string | null | undefined) => translate(`payments.decline.${declineReason(code)}`);

/** A sandbox test method by what it does: "Test card that is declined: there is not enough money on the card". */
export function methodText(method: { readonly outcome: PaymentAttemptOutcome; readonly declineCode?: string | null }): string {
  return translate(`payments.method.${method.outcome}`, { reason: declineText(method.declineCode) });
}
