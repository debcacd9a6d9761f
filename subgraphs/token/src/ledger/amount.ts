import { appError } from '@etika/kit';

/** Amounts, and every balance of the ledger, are below 2^127, the largest a signed 128-bit ledger word holds. */
export const MAX_AMOUNT = 2n ** 127n - 1n;

/**
 * A positive amount in minor units from its wire form: a string of decimal digits. Negative, zero, non-numeric,
 * fractional (minor units have no decimals) or too large amounts are the caller's mistake.
 */
export function parseAmountOrThrow(raw: string, field = 'amount'): bigint {
  const text = raw.trim();
  if (/^\d+\.\d*$/.test(text)) throw appError('BAD_USER_INPUT', 'Amounts are whole numbers of the smallest unit; no decimals', { field });
  if (!/^\d{1,40}$/.test(text)) throw appError('BAD_USER_INPUT', 'The amount must be a positive whole number', { field });
  const value = BigInt(text);
  if (value === 0n) throw appError('BAD_USER_INPUT', 'The amount must be more than zero', { field });
  if (value > MAX_AMOUNT) throw appError('BAD_USER_INPUT', 'The amount is too large', { field });
  return value;
}

/** The optional cap of a new token: absent, or a positive amount. */
export function parseCapOrThrow(raw: string | null | undefined): bigint | null {
  return raw === null || raw === undefined ? null : parseAmountOrThrow(raw, 'maxSupply');
}
