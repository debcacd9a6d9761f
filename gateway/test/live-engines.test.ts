import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { createLogger, openBus, type EventBus } from '@etika/kit';
import { EVENT_TYPES, type NotificationCreated, type TokenTransactionCommitted } from '@etika/schema';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';
import { subscribe, type LiveSubscription } from './live-fixture.ts';

/**
 * Each live event is resolved by a query the engine plans and executes as the subscriber: every engine, behind a
 * gateway of its own on a bus of this file's, resolving real notifications and wallets of the test platform.
 */
let p: TestPlatform;
let t: Tenant;
let tokenId: string;
let notificationId: string;
const streams: LiveSubscription[] = [];

const event = <T>(type: string, orgId: string, payload: T) => ({ id: randomUUID(), type, orgId, occurredAt: new Date().toISOString(), payload });

beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'live-engines');
  tokenId = dataOrThrow(await p.gql<{ defineToken: { id: string } }>('mutation { defineToken(input: { name: "Engines", symbol: "ENG", decimals: 0 }) { id } }', {}, bearer(t.tokens.owner))).defineToken.id;
  dataOrThrow(await p.gql('mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId, amount: '12', toUserId: t.userIds.member, idempotencyKey: randomUUID() } }, bearer(t.tokens.owner)));
  // the issuance tells the member: that notification is the one the events below name
  for (let i = 0; i < 100 && !notificationId; i++) {
    // the seeding told the member of their role too, and may be consumed after the issuance: the issuance's is looked for
    const listed = dataOrThrow(await p.gql<{ notifications: { nodes: { id: string; kind: string }[] } }>('{ notifications(first: 10) { nodes { id kind } } }', {}, bearer(t.tokens.member)));
    notificationId = listed.notifications.nodes.find((n) => n.kind === 'TOKENS_ISSUED')?.id ?? '';
    if (!notificationId) await new Promise((r) => setTimeout(r, 100));
  }
  expect(notificationId).toBeTruthy();
});
afterAll(async () => {
  for (const s of streams) s.dispose();
  await p?.close();
});

describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
  let bus: EventBus;
  let g: EdgeGateway;
  beforeAll(async () => {
    bus = openBus(undefined, createLogger('bus', 'silent'));
    g = await startEdgeGateway(p, { engine, bus });
  });
  afterAll(async () => {
    await g?.close();
    await bus?.close();
  });

  const live = (query: string, token: string) => {
    const s = subscribe(g.url, query, bearer(token));
    streams.push(s);
    return s;
  };

  it('resolves a notification event as the person it is for', async () => {
    const stream = live('subscription { notificationAdded { id kind organizationId } }', t.tokens.member);
    await stream.connected;
    const payload: NotificationCreated = { notificationId, userId: t.userIds.member, orgId: t.orgId, kind: 'tokens.issued', createdAt: new Date().toISOString() };
    await bus.publish([event(EVENT_TYPES.notificationCreated, t.orgId, payload)]);
    expect((await stream.next()).data).toEqual({ notificationAdded: { id: notificationId, kind: 'TOKENS_ISSUED', organizationId: t.orgId } });
  });

  it("resolves a transaction event into the subscriber's wallet across identity and token", async () => {
    const stream = live('subscription { walletChanged { transactionId kind wallet { amount token { id symbol } } } }', t.tokens.member);
    await stream.connected;
    const transactionId = randomUUID();
    const payload: TokenTransactionCommitted = {
      transactionId, orgId: t.orgId, kind: 'issue', reversesId: null, memo: null, createdAt: new Date().toISOString(),
      postings: [{ accountId: randomUUID(), tokenId, ownerType: 'member', ownerId: t.userIds.member, amount: '12' }, { accountId: randomUUID(), tokenId, ownerType: 'issuance', ownerId: null, amount: '-12' }],
    };
    await bus.publish([event(EVENT_TYPES.tokenTransactionCommitted, t.orgId, payload)]);
    expect((await stream.next()).data).toEqual({ walletChanged: { transactionId, kind: 'issue', wallet: [{ amount: '12', token: { id: tokenId, symbol: 'ENG' } }] } });
  });
});
