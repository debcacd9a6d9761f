import { describe, expect, it } from 'vitest';
import { currencyExponent, declineReason, formatCountdown, formatMoney, isSettling, paymentState, refundedTokens, secondsLeft } from './money.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money as people read it', () => {
  it('writes minor units with the currency, in the locale, exactly', () => {
    expect(nbsp(formatMoney('123450', 'EUR', 2, 'fr-FR'))).toBe('1 234,50 €');
    expect(formatMoney('123450', 'EUR', 2, 'en-GB')).toBe('€1,234.50');
    expect(formatMoney('5', 'EUR', 2, 'en-GB')).toBe('€0.05');
    expect(formatMoney('0', 'GBP', 2, 'en-GB')).toBe('£0.00');
    expect(nbsp(formatMoney('1500', 'JPY', 0, 'fr-FR'))).toBe('1 500 JPY');
    expect(formatMoney('1500', 'JPY', 0, 'en-GB')).toBe('JP¥1,500');
  });

  it('never rounds through a float, even past 2^53', () => {
    expect(formatMoney('900719925474099312', 'USD', 2, 'en-GB')).toBe('US$9,007,199,254,740,993.12');
    expect(formatMoney(-150n, 'EUR', 2, 'en-GB')).toBe('-€1.50');
  });

  it('knows the minor units of the currencies prices are set in', () => {
    expect(['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'JPY'].map(currencyExponent)).toEqual([2, 2, 2, 2, 2, 0]);
  });
});

describe('the quote countdown', () => {
  const expiresAt = '2026-12-01T12:05:00.000Z';
  const at = (iso: string) => new Date(iso).getTime();

  it('counts whole seconds down to zero and never below', () => {
    expect(secondsLeft(expiresAt, at('2026-12-01T12:00:00.000Z'))).toBe(300);
    expect(secondsLeft(expiresAt, at('2026-12-01T12:04:59.100Z'))).toBe(1);
    expect(secondsLeft(expiresAt, at('2026-12-01T12:05:00.000Z'))).toBe(0);
    expect(secondsLeft(expiresAt, at('2026-12-01T12:09:00.000Z'))).toBe(0);
  });

  it('shows minutes and two-digit seconds', () => {
    expect([300, 245, 61, 9, 0].map(formatCountdown)).toEqual(['5:00', '4:05', '1:01', '0:09', '0:00']);
  });
});

describe('where a payment stands, in words', () => {
  const base = { status: 'SUCCEEDED', issuance: 'PENDING', tokens: '500', lastDeclineCode: null, refunds: [] } as const;

  it('tells each state of the provider and of the tokens apart', () => {
    expect(paymentState({ ...base, status: 'REQUIRES_PAYMENT_METHOD' })).toBe('open');
    expect(paymentState({ ...base, status: 'REQUIRES_PAYMENT_METHOD', lastDeclineCode: 'insufficient_funds' })).toBe('declined');
    expect(paymentState({ ...base, status: 'REQUIRES_ACTION' })).toBe('requiresAction');
    expect(paymentState({ ...base, status: 'PROCESSING' })).toBe('processing');
    expect(paymentState({ ...base, status: 'CANCELED' })).toBe('canceled');
    expect(paymentState(base)).toBe('issuing');
    expect(paymentState({ ...base, issuance: 'ISSUED' })).toBe('issued');
    expect(paymentState({ ...base, issuance: 'REFUSED' })).toBe('issueRefused');
  });

  it('counts only refunds that went through', () => {
    const refunds = [{ status: 'SUCCEEDED', tokens: '200' }, { status: 'CANCELED', tokens: '300' }, { status: 'PENDING', tokens: '100' }] as const;
    expect(refundedTokens({ refunds })).toBe(200n);
    expect(paymentState({ ...base, issuance: 'ISSUED', refunds })).toBe('partlyRefunded');
    expect(paymentState({ ...base, issuance: 'ISSUED', refunds: [{ status: 'SUCCEEDED', tokens: '500' }] })).toBe('refunded');
    expect(paymentState({ ...base, issuance: 'ISSUED', refunds: [{ status: 'CANCELED', tokens: '500' }] })).toBe('issued');
  });

  it('keeps asking only while the provider or the ledger has to answer', () => {
    expect(isSettling({ status: 'PROCESSING', issuance: 'PENDING', refunds: [] })).toBe(true);
    expect(isSettling({ status: 'SUCCEEDED', issuance: 'PENDING', refunds: [] })).toBe(true);
    expect(isSettling({ status: 'SUCCEEDED', issuance: 'ISSUED', refunds: [] })).toBe(false);
    expect(isSettling({ status: 'SUCCEEDED', issuance: 'ISSUED', refunds: [{ status: 'PENDING', tokens: '1' }] })).toBe(true);
    expect(isSettling({ status: 'REQUIRES_ACTION', issuance: 'PENDING', refunds: [] })).toBe(false);
    expect(isSettling({ status: 'REQUIRES_PAYMENT_METHOD', issuance: 'PENDING', refunds: [] })).toBe(false);
  });

  it('explains the known decline codes and groups the rest', () => {
    expect(['insufficient_funds', 'expired_card', 'generic_decline', 'authentication_failed'].map(declineReason)).toEqual(['insufficient_funds', 'expired_card', 'generic_decline', 'authentication_failed']);
    expect(declineReason('do_not_honor')).toBe('other');
    expect(declineReason(null)).toBe('other');
  });
});
