import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTenant, queryRows } from '@etika/kit';
import { principalTokenFor, type TestPlatform } from '@etika/platform/testing';
import { PRINCIPAL_HEADER } from '@etika/schema';
import { codeOf, confirm, CREATE, gql, ok, paymentOf, PAYMENT, QUOTE, REFUND, seedShop, SET_PRICE, startPaymentPlatform, startPurchase, waitFor, type Shop } from './fixtures.ts';

/** Every new entity, probed from another organisation and by another person: nothing is seen, nothing changes. */
let p: TestPlatform;
let a: Shop;
let b: Shop;
let paid: string;
let quoteId: string;
beforeAll(async () => {
  p = await startPaymentPlatform();
  [a, b] = [await seedShop(p, 'alpha'), await seedShop(p, 'beta')];
  const payment = await startPurchase(p, a, '100');
  await confirm(p, a.tokens.member, payment.id, 'pm_sandbox_succeeds');
  await waitFor('the tokens', () => paymentOf(p, a.tokens.member, payment.id), (v) => v.issuance === 'ISSUED');
  paid = payment.id;
  await ok(p, a.tokens.admin, REFUND, { i: { paymentId: paid, tokens: '10', idempotencyKey: `r-${randomUUID()}` } });
  quoteId = (await ok<{ quoteTokenPurchase: { id: string } }>(p, a.tokens.member, QUOTE, { i: { tokenId: a.tokenId, tokens: '100' } })).quoteTokenPurchase.id;
});
afterAll(() => p?.close());

describe('another organisation', () => {
  it('sees none of its payments, prices or refunds', async () => {
    expect((await ok<{ payment: unknown }>(p, b.tokens.owner, PAYMENT, { id: paid })).payment).toBeNull();
    const list = await ok<{ organizationPayments: { nodes: { id: string }[] } }>(p, b.tokens.owner, '{ organizationPayments(input: { first: 100 }) { nodes { id } } }');
    expect(list.organizationPayments.nodes.map((n) => n.id)).not.toContain(paid);
    const prices = await ok<{ tokenPrices: { token: { id: string } }[] }>(p, b.tokens.member, '{ tokenPrices { token { id } } }');
    expect(prices.tokenPrices.map((x) => x.token.id)).toEqual([b.tokenId]);
  });

  it('cannot pay, confirm, cancel, refund, reconcile or price what is not its own', async () => {
    expect(codeOf(await gql(p, b.tokens.member, CREATE, { i: { quoteId, idempotencyKey: 'steal-quote' } }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(p, b.tokens.member, 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { id } }', { i: { paymentId: paid, paymentMethod: 'pm_sandbox_succeeds' } }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(p, b.tokens.owner, 'mutation($id: ID!) { cancelPayment(paymentId: $id) { id } }', { id: paid }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(p, b.tokens.owner, REFUND, { i: { paymentId: paid, idempotencyKey: 'steal-refund' } }))).toBe('NOT_FOUND');
    expect((await ok<{ reconcilePayments: unknown }>(p, b.tokens.admin, 'mutation($id: ID) { reconcilePayments(paymentId: $id) { checked updated } }', { id: paid })).reconcilePayments).toEqual({ checked: 0, updated: 0 });
    expect(codeOf(await gql(p, b.tokens.admin, SET_PRICE, { i: { tokenId: a.tokenId, unitAmount: '1' } }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(p, b.tokens.member, QUOTE, { i: { tokenId: a.tokenId, tokens: '100' } }))).toBe('NOT_FOUND');
    const after = await paymentOf(p, a.tokens.member, paid);
    expect({ status: after.status, refunded: after.refundedTokens }).toEqual({ status: 'SUCCEEDED', refunded: '10' });
  });

  it('finds no row of the first in any new table, under row-level security', async () => {
    const count = (db: typeof p.databases.payment.db, table: string) =>
      inTenant(db, { orgId: b.orgId, userId: null }, async (tx) => (await queryRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${table} where org_id = '${a.orgId}'`)))[0]!.n);
    for (const table of ['payment.prices', 'payment.quotes', 'payment.payments', 'payment.payment_attempts', 'payment.refunds', 'payment.provider_events', 'payment.idempotency_keys']) {
      expect({ table, rows: await count(p.databases.payment.db, table) }).toEqual({ table, rows: 0 });
    }
    for (const table of ['token.purchases', 'token.purchase_refunds', 'token.purchase_reservations']) {
      expect({ table, rows: await count(p.databases.token.db, table) }).toEqual({ table, rows: 0 });
    }
    const own = await inTenant(p.databases.payment.db, { orgId: a.orgId, userId: null }, async (tx) => (await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from payment.payments`))[0]!.n);
    expect(own).toBeGreaterThan(0);
  });
});

describe('another person of the same organisation', () => {
  it('does not see or confirm a member’s payment, which the organisation’s readers see', async () => {
    const owners = await startPurchase(p, a, '100', a.tokens.owner);
    expect((await ok<{ payment: unknown }>(p, a.tokens.member, PAYMENT, { id: owners.id })).payment).toBeNull();
    expect(codeOf(await gql(p, a.tokens.member, 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { id } }', { i: { paymentId: owners.id, paymentMethod: 'pm_sandbox_succeeds' } }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(p, a.tokens.member, 'mutation($id: ID!) { cancelPayment(paymentId: $id) { id } }', { id: owners.id }))).toBe('NOT_FOUND');
    expect((await ok<{ payment: { id: string } }>(p, a.tokens.auditor, PAYMENT, { id: owners.id })).payment.id).toBe(owners.id);
    const secret = await ok<{ payment: { clientSecret: string | null } }>(p, a.tokens.auditor, 'query($id: ID!) { payment(id: $id) { clientSecret } }', { id: owners.id });
    expect(secret.payment.clientSecret).toBeNull();
  });
});

describe('the subgraph itself', () => {
  it('enforces the same scopes when called without the gateway', async () => {
    const memberToken = await principalTokenFor(p, a, a.userIds.member, 'member');
    const response = await fetch(p.subgraphUrls.payment, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: memberToken },
      body: JSON.stringify({ query: 'mutation($i: SetTokenPriceInput!) { setTokenPrice(input: $i) { unitAmount } }', variables: { i: { tokenId: a.tokenId, unitAmount: '1' } } }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const unsigned = await fetch(p.subgraphUrls.payment, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ tokenPrices { currency } }' }) });
    expect(unsigned.status).toBe(401);
  });

  it('audits every mutation with who did it and how it ended', async () => {
    const rows = await inTenant(p.databases.payment.db, { orgId: a.orgId, userId: null }, (tx) => queryRows<{ operation: string; actor: string; outcome: string }>(tx, sql`select operation, actor, outcome from payment.audit_log`));
    const seen = new Set(rows.map((r) => `${r.operation}:${r.outcome}`));
    for (const operation of ['setTokenPrice', 'quoteTokenPurchase', 'createPayment', 'confirmPayment', 'refundPayment']) expect(seen.has(`${operation}:success`)).toBe(true);
    expect(rows.find((r) => r.operation === 'refundPayment')?.actor).toBe(`user:${a.userIds.admin}`);
  });
});

