import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { generateKeyPairs, inTenant, keysFor, openDatabase, queryRows, type Database } from '@etika/kit';
import { createTestDatabase, outboxEvents, rowsInTenant } from '@etika/kit/testing';
import { dataOrThrow, graphql, SIGNING_SERVICES, startPlatform, type Platform } from '@etika/platform';
import { PASSWORD, switchTo, type TestPlatform } from '@etika/platform/testing';
import { PAYMENT_WEBHOOKS, SUPERGRAPH_PATH } from '@etika/schema';
import { balance, codeOf, confirm, freePort, gql, ok, paymentOf, REFUND, SANDBOX_SECRET, seedShop, startPaymentPlatform, startPurchase, waitFor, type Shop } from './fixtures.ts';

/** Nothing is lost: a webhook that never comes, the token service down, the whole process stopped half-way. */
const nowhere = async () => `http://127.0.0.1:${await freePort()}${PAYMENT_WEBHOOKS.publicPrefix}sandbox`;
const RECONCILE = 'mutation($id: ID) { reconcilePayments(paymentId: $id) { checked updated } }';
const tokenDb = (p: Pick<Platform, 'databases'>) => p.databases.token.db;
const tokenDown = (p: Pick<Platform, 'databases'>) => tokenDb(p).execute(sql`revoke insert on token.purchases from etika_app`);
const tokenBack = (p: Pick<Platform, 'databases'>) => tokenDb(p).execute(sql`grant insert on token.purchases to etika_app`);
const purchaseTransactions = async (p: Pick<Platform, 'databases'>, shop: Shop, paymentId: string) =>
  (await rowsInTenant<{ n: number }>(tokenDb(p), shop.orgId, sql`select count(*)::int as n from token.transactions where kind = 'purchase' and actor = ${`payment:${paymentId}`}`))[0]!.n;

describe('a webhook that never comes, reconciled on demand', () => {
  let p: TestPlatform;
  let shop: Shop;
  beforeAll(async () => {
    p = await startPaymentPlatform({ SANDBOX_SETTLE_MS: 100 }, { webhookUrl: await nowhere() });
    shop = await seedShop(p, 'lost');
  });
  afterAll(() => p?.close());

  it('leaves the payment processing until an admin asks the provider, then issues the tokens', async () => {
    const payment = await startPurchase(p, shop, '100');
    expect((await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_processing')).status).toBe('PROCESSING');
    await new Promise((r) => setTimeout(r, 500));
    expect((await paymentOf(p, shop.tokens.member, payment.id)).status).toBe('PROCESSING');
    expect(codeOf(await gql(p, shop.tokens.member, RECONCILE, { id: payment.id }))).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await ok<{ reconcilePayments: unknown }>(p, shop.tokens.admin, RECONCILE, { id: payment.id })).reconcilePayments).toEqual({ checked: 1, updated: 1 });
    await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, payment.id), (v) => v.issuance === 'ISSUED');
    expect(await balance(p, shop)).toBe(100n);
    expect((await ok<{ reconcilePayments: unknown }>(p, shop.tokens.admin, RECONCILE, {})).reconcilePayments).toEqual({ checked: 0, updated: 0 });
  });
});

describe('on a schedule', () => {
  let p: TestPlatform;
  let shop: Shop;
  beforeAll(async () => {
    p = await startPaymentPlatform({ SANDBOX_SETTLE_MS: 100, RECONCILE_INTERVAL_MS: 200, RECONCILE_AFTER_MS: 0, REISSUE_AFTER_MS: 500 }, { webhookUrl: await nowhere() });
    shop = await seedShop(p, 'scheduled');
  });
  afterAll(() => p?.close());

  it('settles a payment whose webhook was lost without anyone asking', async () => {
    const payment = await startPurchase(p, shop, '100');
    await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_processing');
    const settled = await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, payment.id), (v) => v.issuance === 'ISSUED');
    expect(settled.status).toBe('SUCCEEDED');
    expect(await balance(p, shop)).toBe(100n);
  });

  it('sends the money of a refund whose tokens came back when the process stopped before the provider was asked', async () => {
    const payment = await startPurchase(p, shop, '300');
    await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_succeeds');
    // the state a stop right after the refund's amount was fixed leaves: tokens held and amount fixed, still pending
    const refundId = randomUUID();
    await inTenant(p.databases.payment.db, { orgId: shop.orgId, userId: null }, async (tx) => {
      await tx.execute(sql`insert into payment.refunds (id, org_id, payment_id, status, tokens, amount, requested_by) values (${refundId}::uuid, ${shop.orgId}::uuid, ${payment.id}::uuid, 'pending', 100, 150, ${`user:${shop.userIds.admin}`})`);
      expect(await queryRows(tx, sql`update payment.payments set refunded_tokens = 100, refunded_amount = 150 where id = ${payment.id}::uuid returning id`)).toHaveLength(1);
    });
    const done = await waitFor('the refund', () => paymentOf(p, shop.tokens.member, payment.id), (v) => v.refunds[0]?.status === 'SUCCEEDED');
    expect(done.refunds).toEqual([{ status: 'SUCCEEDED', tokens: '100', amount: '150', failureCode: null }]);
    expect(await outboxEvents(p.databases.payment.db, 'payment', sql`type = 'payment.refunded' and payload->>'refundId' = ${refundId}`)).toHaveLength(1);
  });

  it('issues the tokens once the token service is back, when it was down as the payment succeeded', async () => {
    const before = await balance(p, shop);
    await tokenDown(p);
    const payment = await startPurchase(p, shop, '250');
    try {
      expect((await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_succeeds')).status).toBe('SUCCEEDED');
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await paymentOf(p, shop.tokens.member, payment.id)).issuance).toBe('PENDING');
    } finally {
      await tokenBack(p);
    }
    await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, payment.id), (v) => v.issuance === 'ISSUED', 45_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await balance(p, shop)).toBe(before + 250n);
    expect(await purchaseTransactions(p, shop, payment.id)).toBe(1);
  }, 60_000);
});

describe('the process stopped half-way', () => {
  const keysOnce = generateKeyPairs(SIGNING_SERVICES);
  let test: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test?.close());

  /** The platform on one database across runs: PGlite kept open between them, or the server's database. */
  const run = async (namespace: string, settings: Record<string, unknown>) => {
    const keys = await keysOnce;
    const open: () => Promise<Database> = test.url ? () => openDatabase({ url: test.url!, maxConnections: 4 }) : async () => ({ ...test.database, close: async () => undefined });
    const platform = await startPlatform({
      keys: async (service, needs) => keysFor(keys, service, needs),
      openDatabase: open,
      redisUrl: process.env['REDIS_URL'],
      storeNamespace: namespace,
      supergraphPath: SUPERGRAPH_PATH,
      gatewayPort: 0,
      freePorts: true,
      logLevel: 'silent',
      settings: { SIGN_UP_LIMIT_PER_ADDRESS: 100_000, SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET, ...settings },
    });
    return Object.assign(platform, { keys, gql: (q: string, v: Record<string, unknown> = {}, h: Record<string, string> = {}) => graphql(platform.gatewayUrl, q, v, h) }) as unknown as TestPlatform;
  };
  /** Signs in again on the restarted platform (the first one's sessions lived in its memory). */
  const memberAgain = async (second: TestPlatform, shop: Shop, email: string) => {
    const signedIn = dataOrThrow(await second.gql<{ signIn: { session: { accessToken: string } } }>('mutation($i: CredentialsInput!) { signIn(input: $i) { session { accessToken } } }', { i: { email, password: PASSWORD } }));
    return switchTo(second, signedIn.signIn.session.accessToken, shop.orgId);
  };

  it('issues the tokens exactly once after the restart, when it stopped between the payment and the tokens', async () => {
    const namespace = `test-${randomUUID()}-`;
    const first = await run(namespace, { RECONCILE_INTERVAL_MS: 3_600_000 });
    const shop = await seedShop(first, 'restart');
    const email = (await ok<{ me: { email: string } }>(first, shop.tokens.member, '{ me { email } }')).me.email;
    await tokenDown(first);
    const payment = await startPurchase(first, shop, '300');
    expect((await confirm(first, shop.tokens.member, payment.id, 'pm_sandbox_succeeds')).status).toBe('SUCCEEDED');
    await first.close();

    const second = await run(namespace, { RECONCILE_INTERVAL_MS: 200, REISSUE_AFTER_MS: 0 });
    try {
      const member = await memberAgain(second, shop, email);
      await waitFor('the tokens', () => paymentOf(second, member, payment.id), (v) => v.issuance === 'ISSUED', 45_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await balance(second, { ...shop, tokens: { ...shop.tokens, member } })).toBe(300n);
      expect(await purchaseTransactions(second, shop, payment.id)).toBe(1);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('settles after the restart a payment the sandbox was still processing when it stopped, and refunds it', async () => {
    const namespace = `test-${randomUUID()}-`;
    const first = await run(namespace, { RECONCILE_INTERVAL_MS: 3_600_000, SANDBOX_SETTLE_MS: 1_000 });
    const shop = await seedShop(first, 'processing-restart');
    const email = (await ok<{ me: { email: string } }>(first, shop.tokens.member, '{ me { email } }')).me.email;
    const adminEmail = (await ok<{ me: { email: string } }>(first, shop.tokens.admin, '{ me { email } }')).me.email;
    const payment = await startPurchase(first, shop, '200');
    expect((await confirm(first, shop.tokens.member, payment.id, 'pm_sandbox_processing')).status).toBe('PROCESSING');
    // stopped before the sandbox's timer settled it: the process that would have sent the webhook is gone
    await first.close();

    const second = await run(namespace, { RECONCILE_INTERVAL_MS: 200, RECONCILE_AFTER_MS: 0 });
    try {
      const member = await memberAgain(second, shop, email);
      const settled = await waitFor('the tokens', () => paymentOf(second, member, payment.id), (v) => v.issuance === 'ISSUED', 45_000);
      expect(settled.status).toBe('SUCCEEDED');
      expect(await balance(second, { ...shop, tokens: { ...shop.tokens, member } })).toBe(200n);
      // the sandbox still knows the payment after the restart: its money can be given back
      const admin = await memberAgain(second, shop, adminEmail);
      const refunded = await ok<{ refundPayment: { status: string } }>(second, admin, REFUND, { i: { paymentId: payment.id, tokens: '50', idempotencyKey: randomUUID() } });
      expect(refunded.refundPayment.status).toBe('SUCCEEDED');
    } finally {
      await second.close();
    }
  }, 120_000);
});
