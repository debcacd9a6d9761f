import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventEnvelope } from '@etika/schema';
import { interpret, isFor } from './audience.ts';

const org = randomUUID();
const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
const envelope = (type: string, payload: unknown): EventEnvelope => ({ id: randomUUID(), type, orgId: org, occurredAt: new Date().toISOString(), payload });
const posting = (ownerType: string, ownerId: string | null, amount: string) => ({ accountId: randomUUID(), tokenId: randomUUID(), ownerType, ownerId, amount });
const transaction = (postings: unknown[]) =>
  envelope(EVENT_TYPES.tokenTransactionCommitted, { transactionId: randomUUID(), orgId: org, kind: 'transfer', reversesId: null, memo: null, createdAt: new Date().toISOString(), postings });

describe('who a live event is for', () => {
  it('a transaction: each member whose account a posting touches, once, in that organisation only', () => {
    const signal = interpret(transaction([posting('member', alice, '-5'), posting('member', bob, '3'), posting('member', bob, '2'), posting('issuance', null, '-1'), posting('member', alice, '1')]));
    expect(signal).toMatchObject({ field: 'walletChanged', recipients: [{ userId: alice, orgId: org }, { userId: bob, orgId: org }] });
    if (!signal || signal.field !== 'walletChanged') throw new Error('no signal');
    expect(isFor(signal.recipients, { userId: bob, orgId: org })).toBe(true);
    expect(isFor(signal.recipients, { userId: bob, orgId: randomUUID() })).toBe(false);
    expect(isFor(signal.recipients, { userId: carol, orgId: org })).toBe(false);
  });

  it('an issuance tells its recipient, not the issuing account', () => {
    const signal = interpret(transaction([posting('issuance', null, '-9'), posting('member', carol, '9')]));
    expect(signal && 'recipients' in signal ? signal.recipients : null).toEqual([{ userId: carol, orgId: org }]);
  });

  it('a notification: its one person, whichever organisation they act in', () => {
    const signal = interpret(envelope(EVENT_TYPES.notificationCreated, { notificationId: randomUUID(), userId: alice, orgId: org, kind: 'tokens.received', createdAt: new Date().toISOString() }));
    if (!signal || signal.field !== 'notificationAdded') throw new Error('no signal');
    expect(isFor(signal.recipients, { userId: alice, orgId: randomUUID() })).toBe(true);
    expect(isFor(signal.recipients, { userId: alice, orgId: null })).toBe(true);
    expect(isFor(signal.recipients, { userId: bob, orgId: org })).toBe(false);
  });

  it('a membership change names the person whose rights to check again', () => {
    const payload = { membershipId: randomUUID(), orgId: org, userId: bob, role: null, previousRole: 'member', actorId: alice };
    expect(interpret(envelope(EVENT_TYPES.orgMembershipChanged, payload))).toEqual({ field: null, rightsOf: bob });
  });

  it('a payload that does not validate, or another event, means nothing', () => {
    expect(interpret(envelope(EVENT_TYPES.notificationCreated, { notificationId: 'x', userId: alice }))).toBeNull();
    expect(interpret(transaction([]))).toBeNull();
    expect(interpret(envelope(EVENT_TYPES.paymentSucceeded, {}))).toBeNull();
  });
});
