import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, signUp, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { DEFAULT_LIVE_SETTINGS } from '../src/subscriptions/settings.ts';
import { openRaw, subscribe, type LiveSubscription } from './live-fixture.ts';

/** Live subscriptions through the real gateway over SSE, fed by the real bus (memory, or Redis with REDIS_URL). */
let p: TestPlatform;
let a: Tenant;
let b: Tenant;
let tokenA: string;
let tokenB: string;
const open: LiveSubscription[] = [];

const WALLET = 'subscription { walletChanged { transactionId organizationId kind wallet { amount token { id symbol } } } }';
const NOTIFICATIONS = 'subscription { notificationAdded { id kind organizationId title } }';

function live(query: string, token: string): LiveSubscription {
  const s = subscribe(p.gatewayUrl, query, bearer(token));
  open.push(s);
  return s;
}

async function move(kind: 'issueTokens' | 'transferTokens', token: string, tokenId: string, toUserId: string, amount: string): Promise<string> {
  const r = await p.gql<Record<string, { id: string }>>(`mutation($input: MovementInput!) { ${kind}(input: $input) { id } }`, { input: { tokenId, amount, toUserId, idempotencyKey: randomUUID() } }, bearer(token));
  return dataOrThrow(r)[kind]!.id;
}

const defineToken = async (t: Tenant, symbol: string) =>
  dataOrThrow(await p.gql<{ defineToken: { id: string } }>(`mutation { defineToken(input: { name: "Live ${symbol}", symbol: "${symbol}", decimals: 0 }) { id } }`, {}, bearer(t.tokens.owner))).defineToken.id;

/** Waits until the gateway has accepted these streams, so the events caused next are theirs to receive. */
const accepted = (...streams: LiveSubscription[]) => Promise.all(streams.map((s) => s.connected));
const pause = () => new Promise((r) => setTimeout(r, 200));

beforeAll(async () => {
  p = await startTestPlatform();
  a = await seedTenant(p, 'live-a');
  b = await seedTenant(p, 'live-b');
  tokenA = await defineToken(a, 'LVA');
  tokenB = await defineToken(b, 'LVB');
  await move('issueTokens', a.tokens.owner, tokenA, a.userIds.member, '100');
});
afterAll(async () => {
  for (const s of open) s.dispose();
  await p?.close();
});

describe('walletChanged', () => {
  it('reaches the recipient of a transfer with their wallet, and neither another member nor another organisation', async () => {
    const admin = live(WALLET, a.tokens.admin);
    const auditor = live(WALLET, a.tokens.auditor);
    const other = live(WALLET, b.tokens.member);
    await accepted(admin, auditor, other);
    const transferred = await move('transferTokens', a.tokens.member, tokenA, a.userIds.admin, '30');

    const got = (await admin.next()).data!['walletChanged'] as { transactionId: string; organizationId: string; kind: string; wallet: { amount: string; token: { id: string; symbol: string } }[] };
    expect(got).toEqual({ transactionId: transferred, organizationId: a.orgId, kind: 'transfer', wallet: [{ amount: '30', token: { id: tokenA, symbol: 'LVA' } }] });

    // the next thing each of the others receives is their own movement, not the transfer
    const toAuditor = await move('issueTokens', a.tokens.owner, tokenA, a.userIds.auditor, '5');
    expect((await auditor.next()).data!['walletChanged']).toMatchObject({ transactionId: toAuditor, wallet: [{ amount: '5' }] });
    const inB = await move('issueTokens', b.tokens.owner, tokenB, b.userIds.member, '7');
    expect((await other.next()).data!['walletChanged']).toMatchObject({ transactionId: inB, organizationId: b.orgId, wallet: [{ amount: '7', token: { symbol: 'LVB' } }] });
  });

  it('is refused to a caller without token:read, and to nobody signed in', async () => {
    const stranger = await signUp(p, `live.stranger.${randomUUID().slice(0, 8)}@test.etika.dev`);
    expect(await openRaw(p.gatewayUrl, WALLET, bearer(stranger.token))).toMatchObject({ status: 403, codes: ['UNAUTHORIZED_FIELD_OR_TYPE'] });
    expect(await openRaw(p.gatewayUrl, NOTIFICATIONS, {})).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
    expect(await openRaw(p.gatewayUrl, '{ me { id } }', bearer(a.tokens.member))).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    expect(await openRaw(p.gatewayUrl, WALLET, bearer('not-a-token'))).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
  });

  it('opens with a partner API key as its queries do, and refuses the key once revoked', async () => {
    const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }', { input: { name: 'live', scopes: ['token:read'] } }, bearer(a.tokens.admin),
    )).createApiKey;
    const stream = await openRaw(p.gatewayUrl, WALLET, { 'x-api-key': created.secret });
    expect(stream.status).toBe(200);
    stream.close();
    dataOrThrow(await p.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: created.apiKey.id }, bearer(a.tokens.owner)));
    expect(await openRaw(p.gatewayUrl, WALLET, { 'x-api-key': created.secret })).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
  });
});

describe('notificationAdded', () => {
  it('reaches only the person the notification is for, resolved as them', async () => {
    const admin = live(NOTIFICATIONS, a.tokens.admin);
    const auditor = live(NOTIFICATIONS, a.tokens.auditor);
    const other = live(NOTIFICATIONS, b.tokens.member);
    await accepted(admin, auditor, other);
    await move('transferTokens', a.tokens.member, tokenA, a.userIds.admin, '10');

    // the previous test's revoked key tells the admins too, and its notification may still be on its way: skip it
    type Added = { id: string; kind: string; organizationId: string; title: string };
    let got = (await admin.next()).data!['notificationAdded'] as Added;
    for (let i = 0; i < 5 && got.kind === 'APIKEY_REVOKED'; i++) got = (await admin.next()).data!['notificationAdded'] as Added;
    expect(got).toMatchObject({ kind: 'TOKENS_RECEIVED', organizationId: a.orgId });
    expect(got.title.length).toBeGreaterThan(0);
    const listed = dataOrThrow(await p.gql<{ notifications: { nodes: { id: string }[] } }>('{ notifications(first: 5) { nodes { id } } }', {}, bearer(a.tokens.admin)));
    expect(listed.notifications.nodes.map((n) => n.id)).toContain(got.id);
    // someone else may not read it by key either
    expect(dataOrThrow(await p.gql<{ notification: unknown }>('query($id: ID!) { notification(id: $id) { id } }', { id: got.id }, bearer(a.tokens.auditor))).notification).toBeNull();

    await move('issueTokens', a.tokens.owner, tokenA, a.userIds.auditor, '1');
    expect((await auditor.next()).data!['notificationAdded']).toMatchObject({ kind: 'TOKENS_ISSUED', organizationId: a.orgId });
    await move('issueTokens', b.tokens.owner, tokenB, b.userIds.member, '1');
    expect((await other.next()).data!['notificationAdded']).toMatchObject({ kind: 'TOKENS_ISSUED', organizationId: b.orgId });
  });
});

describe('limits and rights', () => {
  it(`opens at most ${DEFAULT_LIVE_SETTINGS.maxStreamsPerPerson} streams per person, and one more once one is closed`, async () => {
    const person = await signUp(p, `live.limit.${randomUUID().slice(0, 8)}@test.etika.dev`);
    const streams = [];
    for (let i = 0; i < DEFAULT_LIVE_SETTINGS.maxStreamsPerPerson; i++) streams.push(await openRaw(p.gatewayUrl, NOTIFICATIONS, bearer(person.token)));
    expect(streams.map((s) => s.status)).toEqual(streams.map(() => 200));
    expect(await openRaw(p.gatewayUrl, NOTIFICATIONS, bearer(person.token))).toMatchObject({ status: 429, codes: ['TOO_MANY_REQUESTS'] });
    // another person is not held back by the first one's streams
    const other = await openRaw(p.gatewayUrl, NOTIFICATIONS, bearer(a.tokens.member));
    expect(other.status).toBe(200);
    other.close();
    streams[0]!.close();
    let again = await openRaw(p.gatewayUrl, NOTIFICATIONS, bearer(person.token));
    // the gateway frees the slot when it sees the connection close
    for (let i = 0; i < 20 && again.status === 429; i++) {
      await pause();
      again = await openRaw(p.gatewayUrl, NOTIFICATIONS, bearer(person.token));
    }
    expect(again.status).toBe(200);
    for (const s of [...streams, again]) s.close();
  });

  it('ends the stream of a member who is removed, with RIGHTS_CHANGED', async () => {
    const c = await seedTenant(p, 'live-c');
    const member = live(WALLET, c.tokens.member);
    await accepted(member);
    dataOrThrow(await p.gql('mutation($id: ID!) { removeMember(membershipId: $id) { id } }', { id: c.membershipIds.member }, bearer(c.tokens.owner)));
    const { lastErrors } = await member.finished;
    expect(lastErrors.map((e) => e.extensions?.['code'])).toEqual(['RIGHTS_CHANGED']);
  });

  it('ends the stream of a member whose role changes', async () => {
    const c = await seedTenant(p, 'live-d');
    const auditor = live(NOTIFICATIONS, c.tokens.auditor);
    await accepted(auditor);
    dataOrThrow(await p.gql('mutation($id: ID!) { changeMemberRole(membershipId: $id, role: MEMBER) { id } }', { id: c.membershipIds.auditor }, bearer(c.tokens.owner)));
    expect((await auditor.finished).lastErrors.map((e) => e.extensions?.['code'])).toEqual(['RIGHTS_CHANGED']);
  });

  it('ends the stream of a session that signs out, with SESSION_REVOKED', async () => {
    const person = await signUp(p, `live.signout.${randomUUID().slice(0, 8)}@test.etika.dev`);
    const stream = live(NOTIFICATIONS, person.token);
    await accepted(stream);
    dataOrThrow(await p.gql('mutation { signOut }', {}, bearer(person.token)));
    expect((await stream.finished).lastErrors.map((e) => e.extensions?.['code'])).toEqual(['SESSION_REVOKED']);
  });
});
