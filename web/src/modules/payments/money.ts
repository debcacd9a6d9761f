import type { PaymentFieldsFragment, PaymentStatus } from '../../gql/graphql.ts';

/**
 * Money as people read it, and the few rules the payment pages need, pure and tested. Amounts stay strings of
 * whole minor units on the wire and `bigint` here, never `number`.
 */

/** The currencies prices may be set in (the payment service refuses others with UNSUPPORTED_CURRENCY). */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'JPY'] as const;

/** The digits after the decimal mark a currency's minor units make (ISO 4217: EUR 2, JPY 0). */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units of a currency → the amount with its currency sign, as the locale writes it: `1 234,50 €`, `€1,234.50`. */
export function formatMoney(minor: string | bigint, currency: string, exponent: number, locale: string): string {
  const value = typeof minor === 'bigint' ? minor : BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const decimal = `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}` as `${number}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(decimal);
}

/** Whole seconds until an expiry (never negative), from the clock's `now` in milliseconds. */
export function secondsLeft(expiresAt: string, now: number): number {
  const left = Math.ceil((new Date(expiresAt).getTime() - now) / 1000);
  return left > 0 ? left : 0;
}

/** A countdown as a clock shows it: `4:05`, `0:09`. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Where a payment stands, as the buyer or an admin reads it; each has a sentence (`payments.state.<state>`). */
export const PAYMENT_STATES = ['open', 'declined', 'requiresAction', 'processing', 'issuing', 'issued', 'issueRefused', 'partlyRefunded', 'refunded', 'canceled'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

type StateInput = Pick<PaymentFieldsFragment, 'status' | 'issuance' | 'tokens' | 'lastDeclineCode'> & {
  readonly refunds: readonly Pick<PaymentFieldsFragment['refunds'][number], 'status' | 'tokens'>[];
};

/** Refunded tokens that came back for good (pending refunds not yet counted). */
export function refundedTokens(payment: Pick<StateInput, 'refunds'>): bigint {
  return payment.refunds.filter((r) => r.status === 'SUCCEEDED').reduce((sum, r) => sum + BigInt(r.tokens), 0n);
}

export function paymentState(payment: StateInput): PaymentState {
  const byStatus: Record<PaymentStatus, () => PaymentState> = {
    REQUIRES_PAYMENT_METHOD: () => (payment.lastDeclineCode ? 'declined' : 'open'),
    REQUIRES_ACTION: () => 'requiresAction',
    PROCESSING: () => 'processing',
    CANCELED: () => 'canceled',
    SUCCEEDED: () => {
      const back = refundedTokens(payment);
      if (back > 0n) return back >= BigInt(payment.tokens) ? 'refunded' : 'partlyRefunded';
      return payment.issuance === 'ISSUED' ? 'issued' : payment.issuance === 'REFUSED' ? 'issueRefused' : 'issuing';
    },
  };
  return byStatus[payment.status]();
}

/** Whether the page should keep asking: the provider or the ledger has yet to settle it, with nothing for the buyer to do. */
export function isSettling(payment: Pick<PaymentFieldsFragment, 'status' | 'issuance'> & Pick<StateInput, 'refunds'>): boolean {
  return payment.status === 'PROCESSING' || (payment.status === 'SUCCEEDED' && payment.issuance === 'PENDING') || payment.refunds.some((r) => r.status === 'PENDING');
}

/** The decline codes the pages explain in words (`payments.decline.<code>`); any other is `other`. */
export const DECLINE_CODES = ['generic_decline', 'insufficient_funds', 'expired_card', 'authentication_failed', 'other'] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];

export function declineReason(code: string | null | undefined): DeclineCode {
  return (DECLINE_CODES as readonly string[]).includes(code ?? '') ? (code as DeclineCode) : 'other';
}

