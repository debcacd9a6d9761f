import { describe, expect, it } from 'vitest';
import type { TransactionFieldsFragment } from '../../gql/graphql.ts';
import { counterparty, dateRange, describeTransaction, matchesSearch, toCsv } from './history.ts';

const token = { id: 'acme', symbol: 'ACME', decimals: 2 };
const member = (id: string, amount: string) => ({ accountId: `a-${id}`, amount, ownerType: 'MEMBER' as const, owner: { id, email: `${id}@example.com` }, token });
const org = (ownerType: 'ISSUANCE' | 'REDEMPTION', amount: string) => ({ accountId: `a-${ownerType}`, amount, ownerType, owner: null, token });
const tx = (kind: TransactionFieldsFragment['kind'], postings: TransactionFieldsFragment['postings'], memo: string | null = null): TransactionFieldsFragment =>
  ({ id: 't1', kind, memo, reversesId: null, createdAt: '2026-11-30T10:00:00.000Z', postings });

describe('reading a transaction', () => {
  it('says who sent, who received and which way it went for each side', () => {
    const transfer = tx('TRANSFER', [member('ann', '-150'), member('bob', '150')], 'Lunch');
    const forAnn = describeTransaction(transfer, 'ann');
    expect(forAnn).toMatchObject({ direction: 'out', amount: 150n });
    expect(counterparty(forAnn)).toEqual({ type: 'member', id: 'bob', email: 'bob@example.com' });
    const forBob = describeTransaction(transfer, 'bob');
    expect(forBob).toMatchObject({ direction: 'in', amount: 150n });
    expect(counterparty(forBob)).toMatchObject({ email: 'ann@example.com' });
  });

  it('reads issuing and redeeming as coming from and going to the organisation', () => {
    expect(counterparty(describeTransaction(tx('ISSUE', [org('ISSUANCE', '-1000'), member('ann', '1000')]), 'ann'))).toEqual({ type: 'organisation' });
    const redeem = describeTransaction(tx('REDEEM', [member('ann', '-50'), org('REDEMPTION', '50')]), 'ann');
    expect(redeem).toMatchObject({ direction: 'out', amount: 50n, to: { type: 'organisation' } });
  });

  it('reads the organisation ledger from neither side', () => {
    const row = describeTransaction(tx('TRANSFER', [member('ann', '-150'), member('bob', '150')]), null);
    expect(row).toMatchObject({ direction: null, amount: 150n, from: { email: 'ann@example.com' }, to: { email: 'bob@example.com' } });
  });

  it('finds rows by counterparty or memo, ignoring case and accents', () => {
    const row = describeTransaction(tx('TRANSFER', [member('ann', '-150'), member('bob', '150')], 'Café du matin'), 'ann');
    expect(matchesSearch(row, 'BOB@')).toBe(true);
    expect(matchesSearch(row, 'cafe')).toBe(true);
    expect(matchesSearch(row, 'dinner')).toBe(false);
    expect(matchesSearch(row, '  ')).toBe(true);
  });
});

describe('filters and export', () => {
  it('refuses a "from" day after the "to" day', () => {
    expect(dateRange('2026-12-02', '2026-12-01')).toBeNull();
    expect(dateRange('2026-12-01', '2026-12-01')).not.toBeNull();
    expect(dateRange('', '')).toEqual({ from: null, to: null });
  });

  it('quotes every field, so amounts with commas stay one column', () => {
    expect(toCsv(['When', 'Amount'], [['1 déc.', '1 000,50 ACME'], ['x', 'say "hi"']], ';')).toBe('"When";"Amount"\r\n"1 déc.";"1 000,50 ACME"\r\n"x";"say ""hi"""\r\n');
  });
});
