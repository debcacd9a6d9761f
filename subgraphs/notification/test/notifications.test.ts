import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsInTenant, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { EVENT_PAYLOADS, EVENT_TYPES, scopesForRole, type EventEnvelope, type NotificationCreated, type Principal } from '@etika/schema';
import { notification } from '../src/index.ts';
import { apiKey, envelope, joined, person, publish, transaction } from './events.ts';

/** In-app notifications made from the producers' events, through the real bus and inbox, read over GraphQL. */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(notification, { settings: { DELIVERY_INTERVAL_MS: 0 } });
});
afterAll(() => p?.close());

const [orgA, orgB] = [randomUUID(), randomUUID()];
const [alice, bob, owner, carol] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const token = randomUUID();
const as = {
  alice: userPrincipal(alice, orgA, 'member'),
  bob: userPrincipal(bob, orgA, 'member'),
  owner: userPrincipal(owner, orgA, 'owner'),
  carol: userPrincipal(carol, orgB, 'owner'),
};
const partner: Principal = { kind: 'apiKey', keyId: randomUUID(), orgId: orgA, role: 'partner', scopes: scopesForRole('member') };

const LIST = 'query($first: Int, $after: String) { notifications(first: $first, after: $after) { nodes { id kind title text organizationId readAt params { name value } } endCursor hasNextPage } }';
type Node = { id: string; kind: string; title: string; text: string; organizationId: string; readAt: string | null; params: { name: string; value: string }[] };
const list = async (who: Principal, first = 50) => (await p.execute<{ notifications: { nodes: Node[]; endCursor: string | null; hasNextPage: boolean } }>(LIST, { first }, who)).data!.notifications;
const unread = async (who: Principal) => (await p.execute<{ unreadNotificationCount: number }>('{ unreadNotificationCount }', {}, who)).data!.unreadNotificationCount;
const kinds = async (who: Principal) => (await list(who)).nodes.map((n) => n.kind).sort();
const param = (n: Node, name: string) => n.params.find((x) => x.name === name)?.value;

describe('notifications from events', () => {
  beforeAll(async () => {
    await publish(p.bus, p.database, person(alice, 'alice@example.com'), person(bob, 'bob@example.com', 'fr'), person(owner, 'owner@example.com'), person(carol, 'carol@example.com'));
    await publish(p.bus, p.database, joined(orgA, alice, 'member'), joined(orgA, bob, 'member'), joined(orgA, owner, 'owner'), joined(orgB, carol, 'owner'));
  });

  it('tells whoever joined, and nobody else', async () => {
    expect(await kinds(as.alice)).toEqual(['ROLE_CHANGED']);
    expect(await kinds(as.carol)).toEqual(['ROLE_CHANGED']);
    expect((await list(as.carol)).nodes[0]!.organizationId).toBe(orgB);
  });

  it('tells the recipient of a transfer once, even when the event is delivered twice, in their language', async () => {
    const transfer = transaction(orgA, 'transfer', [
      { tokenId: token, ownerType: 'member', ownerId: alice, amount: '-1500' },
      { tokenId: token, ownerType: 'member', ownerId: bob, amount: '1500' },
    ]);
    await publish(p.bus, p.database, transfer);
    await publish(p.bus, p.database, transfer);
    const bobs = (await list(as.bob)).nodes.filter((n) => n.kind === 'TOKENS_RECEIVED');
    expect(bobs).toHaveLength(1);
    expect(param(bobs[0]!, 'amount')).toBe('1500');
    expect(bobs[0]!.title).toBe('Vous avez reçu des jetons');
    expect((await list(as.alice)).nodes.filter((n) => n.kind === 'TOKENS_RECEIVED')).toHaveLength(0);
  });

  it('tells a member tokens were issued to them, redeemed from them, and that a transaction touching them was reversed', async () => {
    const issue = transaction(orgA, 'issue', [
      { tokenId: token, ownerType: 'issuance', ownerId: null, amount: '-700' },
      { tokenId: token, ownerType: 'member', ownerId: alice, amount: '700' },
    ]);
    const redeem = transaction(orgA, 'redeem', [
      { tokenId: token, ownerType: 'member', ownerId: alice, amount: '-200' },
      { tokenId: token, ownerType: 'redemption', ownerId: null, amount: '200' },
    ]);
    const reversal = transaction(orgA, 'reversal', [
      { tokenId: token, ownerType: 'member', ownerId: alice, amount: '200' },
      { tokenId: token, ownerType: 'redemption', ownerId: null, amount: '-200' },
    ], redeem.payload.transactionId);
    await publish(p.bus, p.database, issue, redeem, reversal);
    expect(await kinds(as.alice)).toEqual(['ROLE_CHANGED', 'TOKENS_ISSUED', 'TOKENS_REDEEMED', 'TRANSACTION_REVERSED']);
    expect(await kinds(as.bob)).toEqual(['ROLE_CHANGED', 'TOKENS_RECEIVED']);
  });

  it('tells the organisation’s owners and admins of an API key made or revoked, and no member nor other organisation', async () => {
    await publish(p.bus, p.database, apiKey(EVENT_TYPES.identityApiKeyCreated, orgA), apiKey(EVENT_TYPES.identityApiKeyRevoked, orgA));
    expect(await kinds(as.owner)).toEqual(['APIKEY_CREATED', 'APIKEY_REVOKED', 'ROLE_CHANGED']);
    expect(await kinds(as.alice)).not.toContain('APIKEY_CREATED');
    expect(await kinds(as.carol)).toEqual(['ROLE_CHANGED']);
  });

  it('tells a person their role changed, and an invitee with an account of the invitation', async () => {
    await publish(p.bus, p.database, joined(orgA, bob, 'admin', 'member'));
    const invite = envelope(EVENT_TYPES.orgInvitationCreated, orgA, { invitationId: randomUUID(), orgId: orgA, organizationName: 'Acme', email: 'carol@example.com', role: 'member', invitedBy: owner, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await publish(p.bus, p.database, invite);
    const role = (await list(as.bob)).nodes.find((n) => n.kind === 'ROLE_CHANGED' && param(n, 'previousRole') === 'member')!;
    expect(role.text).toContain('administrateur');
    const invitation = (await list(as.carol)).nodes.find((n) => n.kind === 'INVITATION_RECEIVED')!;
    expect(invitation.organizationId).toBe(orgA);
    expect(invitation.title).toBe('Invitation to Acme');
  });

  it('tells someone invited before they had an account once they confirm the address, once, and not of an expired invitation', async () => {
    const dave = randomUUID();
    const invite = (email: string, expiresAt: string) => envelope(EVENT_TYPES.orgInvitationCreated, orgA, { invitationId: randomUUID(), orgId: orgA, organizationName: 'Acme', email, role: 'member', invitedBy: owner, expiresAt });
    await publish(p.bus, p.database, invite('dave@example.com', new Date(Date.now() + 86_400_000).toISOString()), invite('dave@example.com', new Date(Date.now() - 1000).toISOString()));
    const asDave = userPrincipal(dave, null, null);
    expect(await kinds(asDave)).toEqual([]);
    await publish(p.bus, p.database, person(dave, 'dave@example.com', 'en', false));
    expect(await kinds(asDave)).toEqual([]);
    await publish(p.bus, p.database, person(dave, 'dave@example.com'), person(dave, 'dave@example.com'));
    expect(await kinds(asDave)).toEqual(['INVITATION_RECEIVED']);
  });

  it('pages newest first with a cursor, counts the unread, marks one and then all read, and audits each', async () => {
    const all = (await list(as.alice)).nodes;
    const first = await p.execute<{ notifications: { nodes: Node[]; endCursor: string; hasNextPage: boolean } }>(LIST, { first: 2 }, as.alice);
    const second = await p.execute<{ notifications: { nodes: Node[]; hasNextPage: boolean } }>(LIST, { first: 10, after: first.data!.notifications.endCursor }, as.alice);
    expect([...first.data!.notifications.nodes, ...second.data!.notifications.nodes].map((n) => n.id)).toEqual(all.map((n) => n.id));
    expect(first.data!.notifications.hasNextPage).toBe(true);
    expect(second.data!.notifications.hasNextPage).toBe(false);
    expect(await unread(as.alice)).toBe(all.length);
    const marked = await p.execute<{ markNotificationRead: { readAt: string | null } }>('mutation($id: ID!) { markNotificationRead(id: $id) { readAt } }', { id: all[0]!.id }, as.alice);
    expect(marked.data!.markNotificationRead.readAt).not.toBeNull();
    expect(await unread(as.alice)).toBe(all.length - 1);
    const rest = await p.execute<{ markAllNotificationsRead: number }>('mutation { markAllNotificationsRead }', {}, as.alice);
    expect(rest.data!.markAllNotificationsRead).toBe(all.length - 1);
    expect(await unread(as.alice)).toBe(0);
    const audit = await rowsInTenant<{ operation: string; outcome: string }>(p.database.db, orgA, sql`select operation, outcome from notification.audit_log where actor like ${`%${alice}%`} order by id`);
    expect(audit.map((a) => `${a.operation}:${a.outcome}`)).toEqual(['markNotificationRead:success', 'markAllNotificationsRead:success']);
  });
});

describe('live updates', () => {
  it('each notification made is published as notification.created, addressed to its one person', async () => {
    const seen: EventEnvelope<NotificationCreated>[] = [];
    p.bus.subscribe('test-live', [EVENT_TYPES.notificationCreated], async (e) => {
      seen.push(e as EventEnvelope<NotificationCreated>);
    });
    await publish(p.bus, p.database, transaction(orgA, 'transfer', [
      { tokenId: token, ownerType: 'member', ownerId: owner, amount: '-3' },
      { tokenId: token, ownerType: 'member', ownerId: bob, amount: '3' },
    ]));
    const newest = (await list(as.bob)).nodes[0]!;
    for (let i = 0; i < 100 && !seen.some((e) => e.payload.notificationId === newest.id); i += 1) await new Promise((r) => setTimeout(r, 50));
    const live = seen.find((e) => e.payload.notificationId === newest.id)!;
    expect(live.payload).toMatchObject({ userId: bob, orgId: orgA, kind: 'tokens.received' });
    expect(live.orgId).toBeNull();
    expect(EVENT_PAYLOADS[EVENT_TYPES.notificationCreated].safeParse(live.payload).success).toBe(true);
    expect(seen.filter((e) => e.payload.userId === owner && e.payload.kind === 'tokens.received')).toEqual([]);
  });
});

describe('payments', () => {
  const payment = (type: string, buyerId: string, extra: Record<string, string>) =>
    envelope(type, orgA, { paymentId: randomUUID(), orgId: orgA, buyerId, tokenId: token, quoteId: randomUUID(), ...extra });

  it('tell the buyer alone that a payment went through, was declined or refunded, with the amount in their language', async () => {
    await publish(
      p.bus,
      p.database,
      payment(EVENT_TYPES.paymentSucceeded, alice, { tokens: '5000', currency: 'EUR', amount: '1234', provider: 'sandbox' }),
      payment(EVENT_TYPES.paymentFailed, alice, { declineCode: 'card_declined' }),
      payment(EVENT_TYPES.paymentRefunded, bob, { refundId: randomUUID(), tokens: '100', currency: 'JPY', amount: '1500' }),
    );
    const mine = (await list(as.alice)).nodes;
    expect(mine.find((n) => n.kind === 'PAYMENT_SUCCEEDED')!.text).toContain('€12.34');
    expect(mine.find((n) => n.kind === 'PAYMENT_FAILED')!.title).toBe('Payment declined');
    expect(mine.some((n) => n.kind === 'PAYMENT_REFUNDED')).toBe(false);
    const refunded = (await list(as.bob)).nodes.find((n) => n.kind === 'PAYMENT_REFUNDED')!;
    expect(refunded.title).toBe('Paiement remboursé');
    expect(refunded.text).toMatch(/^1\s500\s(JPY|¥) vous ont été remboursés/);
    expect((await kinds(as.owner)).filter((k) => k.startsWith('PAYMENT'))).toEqual([]);
  });
});

describe('only their person sees a notification', () => {
  it('another person, of this or another organisation, cannot list, count or mark it', async () => {
    const bobs = (await list(as.bob)).nodes;
    expect(bobs.length).toBeGreaterThan(0);
    for (const who of [as.alice, as.carol, as.owner]) {
      expect((await list(who)).nodes.map((n) => n.id)).not.toContain(bobs[0]!.id);
      const probe = await p.execute('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id: bobs[0]!.id }, who);
      expect(probe.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await list(as.bob)).nodes.find((n) => n.id === bobs[0]!.id)!.readAt).toBeNull();
    const reference = await p.execute<{ _entities: (Node | null)[] }>('query($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id } } }', { r: [{ __typename: 'Notification', id: bobs[0]!.id }] }, as.carol);
    expect(reference.data?._entities).toEqual([null]);
  });

  it('an API key has no notifications of its own and is told so; bad input is refused with its code', async () => {
    expect((await p.execute(LIST, {}, partner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await p.execute(LIST, {}, undefined)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await p.execute(LIST, { first: 0 }, as.bob)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await p.execute(LIST, { first: 5, after: 'not-a-cursor' }, as.bob)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await p.execute('mutation { markNotificationRead(id: "nope") { id } }', {}, as.bob)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('preferences', () => {
  const PREFS = '{ notificationPreferences { kind inApp email locked } }';
  const SET = 'mutation($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) { setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) { kind inApp email locked } }';

  it('have defaults: everything in the app, mail for what should not be missed, security notices locked', async () => {
    const prefs = (await p.execute<{ notificationPreferences: { kind: string; inApp: boolean; email: boolean; locked: boolean }[] }>(PREFS, {}, as.alice)).data!.notificationPreferences;
    expect(prefs.find((x) => x.kind === 'TOKENS_RECEIVED')).toEqual({ kind: 'TOKENS_RECEIVED', inApp: true, email: false, locked: false });
    expect(prefs.find((x) => x.kind === 'APIKEY_CREATED')).toEqual({ kind: 'APIKEY_CREATED', inApp: true, email: true, locked: true });
  });

  it('turned off, a kind makes no notification for that person only; a security notice cannot be turned off', async () => {
    const off = await p.execute<{ setNotificationPreference: { inApp: boolean } }>(SET, { kind: 'TOKENS_RECEIVED', channel: 'IN_APP', enabled: false }, as.alice);
    expect(off.data!.setNotificationPreference.inApp).toBe(false);
    const before = (await list(as.alice)).nodes.length;
    await publish(p.bus, p.database, transaction(orgA, 'transfer', [
      { tokenId: token, ownerType: 'member', ownerId: bob, amount: '-5' },
      { tokenId: token, ownerType: 'member', ownerId: alice, amount: '5' },
    ]));
    expect((await list(as.alice)).nodes.length).toBe(before);
    const locked = await p.execute(SET, { kind: 'APIKEY_REVOKED', channel: 'EMAIL', enabled: false }, as.owner);
    expect(locked.errors?.[0]?.extensions?.code).toBe('PREFERENCE_LOCKED');
    const bobPrefs = (await p.execute<{ notificationPreferences: { kind: string; inApp: boolean }[] }>(PREFS, {}, as.bob)).data!.notificationPreferences;
    expect(bobPrefs.find((x) => x.kind === 'TOKENS_RECEIVED')!.inApp).toBe(true);
    const audit = await rowsInTenant<{ outcome: string; error_code: string | null }>(p.database.db, orgA, sql`select outcome, error_code from notification.audit_log where operation = 'setNotificationPreference' order by id`);
    expect(audit).toEqual([{ outcome: 'success', error_code: null }, { outcome: 'failure', error_code: 'PREFERENCE_LOCKED' }]);
  });
});

describe('the development mailbox', () => {
  it('without an SMTP server, keeps every mail for the app to show, with its plain text', async () => {
    const box = await p.execute<{ developmentMailbox: { to: string; subject: string; text: string; locale: string }[] }>('{ developmentMailbox(first: 50) { to subject text locale } }');
    const invitation = box.data!.developmentMailbox.find((m) => m.to === 'carol@example.com')!;
    expect(invitation.subject).toBe('Invitation to Acme');
    expect(invitation.text).toContain('http://localhost:4000/invitations');
    expect(box.data!.developmentMailbox.some((m) => m.to === 'bob@example.com' && m.locale === 'fr' && m.subject === 'Votre rôle a changé')).toBe(true);
  });
});
