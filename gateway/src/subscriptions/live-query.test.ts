import { describe, expect, it } from 'vitest';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { planLive } from './live-query.ts';

const plan = (text: string) => {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return planLive(document, operation);
};
const payload = { transactionId: 't1', orgId: 'o1', kind: 'transfer', reversesId: null, memo: null, createdAt: '2026-12-01T00:00:00.000Z', postings: [] };

describe('how a subscription resolves its events', () => {
  it('notificationAdded runs Query.notification by the event key, with the fragments and variables it uses', () => {
    const p = plan('subscription($full: Boolean!) { n: notificationAdded { id ...More @include(if: $full) } } fragment More on Notification { title } fragment Unused on Notification { text }');
    if (typeof p === 'string') throw new Error(p);
    expect(print(p.query)).toBe(print(parse('query LiveNotification($liveEntityId: ID!, $full: Boolean!) { live: notification(id: $liveEntityId) { id ...More @include(if: $full) } } fragment More on Notification { title }')));
    expect(p.variables({ notificationId: 'n1' }, { full: true })).toEqual({ full: true, liveEntityId: 'n1' });
    expect(p.value({ live: { id: 'n1' } }, {}, {})).toEqual({ id: 'n1' });
    expect(p.value({ live: null }, {}, {})).toBeNull();
    expect(p.path(['live', 'title'])).toEqual(['n', 'title']);
  });

  it('walletChanged answers the event fields from the event and the wallet as the subscriber', () => {
    const p = plan('subscription { walletChanged { kind transactionId mine: wallet { amount } } }');
    if (typeof p === 'string') throw new Error(p);
    expect(print(p.query)).toBe(print(parse('query LiveWallet { me { mine: wallet { amount } } }')));
    expect(p.value({ me: { mine: [{ amount: '3' }] } }, payload, {})).toEqual({ kind: 'transfer', transactionId: 't1', mine: [{ amount: '3' }] });
    // the subscriber gone from the answer (not signed in any more, or unauthorized): nothing is delivered
    expect(p.value({ me: null }, payload, {})).toBeNull();
    expect(p.path(['me', 'mine', 'amount'])).toEqual(['walletChanged', 'mine', 'amount']);
  });

  it('walletChanged without the wallet still asks who the subscriber is', () => {
    const p = plan('subscription { walletChanged { organizationId } }');
    if (typeof p === 'string') throw new Error(p);
    expect(print(p.query)).toBe(print(parse('query LiveWallet { me { id } }')));
    expect(p.value({ me: { id: 'u' } }, payload, {})).toEqual({ organizationId: 'o1' });
  });

  it('refuses what it cannot serve, saying why', () => {
    expect(plan('subscription { ...F } fragment F on Subscription { notificationAdded { id } }')).toMatch(/directly/);
    expect(plan('subscription { walletChanged { ... on WalletChange { kind } } }')).toMatch(/directly/);
  });
});
