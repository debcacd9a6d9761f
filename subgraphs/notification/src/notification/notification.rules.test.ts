import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenTransactionCommitted } from '@etika/schema';
import { formatMoney, renderNotification } from '../mail/templates.ts';
import { defaultEnabled, enabledFor, isLocked, preferenceViews } from '../preference/preference.rules.ts';
import { decodeCursor, encodeCursor, membershipNotices, NOTIFICATION_KINDS, transactionNotices } from './notification.rules.ts';

const [alice, bob, token, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const tx = (kind: TokenTransactionCommitted['kind'], postings: [string | null, string, string][]): TokenTransactionCommitted => ({
  transactionId: randomUUID(),
  orgId: randomUUID(),
  kind,
  reversesId: null,
  memo: null,
  createdAt: new Date().toISOString(),
  postings: postings.map(([ownerId, tokenId, amount]) => ({ accountId: randomUUID(), tokenId, ownerType: ownerId ? 'member' : 'issuance', ownerId, amount })),
});

describe('who a transaction tells', () => {
  it('a batch nets each member per token: one notice per token received, none for what they sent', () => {
    const notices = transactionNotices(tx('batch', [[alice, token, '-30'], [bob, token, '10'], [bob, token, '20'], [alice, other, '5'], [null, other, '-5']]));
    expect(notices.map((n) => [n.kind, n.audience, n.params['amount'], n.params['tokenId']])).toEqual([
      ['tokens.received', { to: 'user', userId: bob }, '30', token],
      ['tokens.received', { to: 'user', userId: alice }, '5', other],
    ]);
  });

  it('amounts beyond 2^53 stay exact', () => {
    const big = '123456789012345678901234567890';
    expect(transactionNotices(tx('issue', [[null, token, `-${big}`], [alice, token, big]]))[0]!.params['amount']).toBe(big);
  });

  it('purchases and refunds are told by their payment, not twice', () => {
    expect(transactionNotices(tx('purchase', [[null, token, '-5'], [alice, token, '5']]))).toEqual([]);
    expect(transactionNotices(tx('refund', [[alice, token, '-5'], [null, token, '5']]))).toEqual([]);
  });

  it('the same role again tells nothing', () => {
    const change = { membershipId: randomUUID(), orgId: randomUUID(), userId: alice, actorId: null };
    expect(membershipNotices({ ...change, role: 'admin', previousRole: 'admin' })).toEqual([]);
    expect(membershipNotices({ ...change, role: null, previousRole: 'member' })[0]!.params).toEqual({ role: '', previousRole: 'member' });
  });
});

describe('preferences', () => {
  it('security notices are on whatever was chosen; others follow the choice, then the default', () => {
    const choices = new Map([['apikey.created/email', false], ['tokens.received/in_app', false], ['tokens.received/email', true]]);
    expect(enabledFor('apikey.created', 'email', choices)).toBe(true);
    expect(enabledFor('tokens.received', 'in_app', choices)).toBe(false);
    expect(enabledFor('tokens.received', 'email', choices)).toBe(true);
    expect(enabledFor('tokens.issued', 'email', choices)).toBe(defaultEnabled('tokens.issued', 'email'));
    expect(preferenceViews(new Map()).filter((v) => v.locked).map((v) => v.kind)).toEqual(NOTIFICATION_KINDS.filter(isLocked));
  });
});

describe('texts', () => {
  it('every kind reads in English and French, with the values it is about', () => {
    const params = { amount: '1500', tokens: '10', currency: 'EUR', role: 'admin', previousRole: 'member', organizationName: 'Acme', apiKeyName: 'Till', apiKeyPrefix: 'etk_live_x', url: 'https://example.com', reason: 'gone' };
    for (const kind of NOTIFICATION_KINDS) {
      const en = renderNotification(kind, 'en', params);
      const fr = renderNotification(kind, 'fr', params);
      expect(en.subject.length * fr.subject.length, kind).toBeGreaterThan(0);
      expect(en.text, kind).not.toBe(fr.text);
      expect(`${en.text}${fr.text}`, kind).not.toContain('undefined');
    }
  });

  it('money from minor units, exactly, in each currency’s own minor unit', () => {
    expect(formatMoney('en', '1234', 'EUR')).toBe('€12.34');
    expect(formatMoney('fr', '5', 'EUR')).toMatch(/^0,05\s€$/);
    expect(formatMoney('en', '1500', 'JPY')).toBe('JP¥1,500');
    expect(formatMoney('en', '123456789012345678901', 'USD')).toBe('US$1,234,567,890,123,456,789.01');
  });

  it('a cursor reads back as it was written, and nothing else reads as one', () => {
    const at = new Date('2026-12-01T10:00:00.123Z');
    const id = randomUUID();
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ createdAt: at, id });
    expect(decodeCursor('bm90LWEtY3Vyc29y')).toBeNull();
  });
});
