import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { outboxEvents, rowsInTenant } from '@etika/kit/testing';
import type { TestPlatform } from '@etika/platform/testing';
import { balance, codeOf, confirm, gql, ok, paymentOf, REFUND, seedShop, startPaymentPlatform, startPurchase, waitFor, type Shop } from './fixtures.ts';

/** Refunds through the gateway: tokens back through the ledger first, then the money, never more than was paid. */
let p: TestPlatform;
let shop: Shop;
beforeAll(async () => {
  p = await startPaymentPlatform();
  shop = await seedShop(p, 'refunds');
});
afterAll(() => p?.close());

interface RefundView {
  id: string;
  status: string;
  tokens: string;
  amount: string;
  failureCode: string | null;
}

async function bought(tokens: string): Promise<string> {
  const payment = await startPurchase(p, shop, tokens);
  await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_succeeds');
  await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, payment.id), (v) => v.issuance === 'ISSUED');
  return payment.id;
}

const refund = (token: string, i: Record<string, unknown>) => gql<{ refundPayment: RefundView }>(p, token, REFUND, { i: { idempotencyKey: `refund-${randomUUID()}`, ...i } });

describe('refunds', () => {
  it('takes all the tokens back and returns all the money, once', async () => {
    const before = await balance(p, shop);
    const id = await bought('300');
    expect(await balance(p, shop)).toBe(before + 300n);
    const r = await refund(shop.tokens.admin, { paymentId: id });
    expect(r.data?.refundPayment).toMatchObject({ status: 'SUCCEEDED', tokens: '300', amount: '450', failureCode: null });
    expect(await balance(p, shop)).toBe(before);
    const after = await paymentOf(p, shop.tokens.member, id);
    expect({ tokens: after.refundedTokens, amount: after.refundedAmount, refunds: after.refunds.length }).toEqual({ tokens: '300', amount: '450', refunds: 1 });
    expect(codeOf(await refund(shop.tokens.admin, { paymentId: id }))).toBe('REFUND_EXCEEDS_PAYMENT');
    expect(await outboxEvents(p.databases.payment.db, 'payment', sql`type = 'payment.refunded' and payload->>'paymentId' = ${id}`)).toHaveLength(1);
    const audit = await rowsInTenant<{ outcome: string }>(p.databases.payment.db, shop.orgId, sql`select outcome from payment.audit_log where operation = 'refundPayment' order by id`);
    expect(audit.map((a) => a.outcome)).toEqual(['success', 'failure']);
  });

  it('answers the same refund for the same key, without a second one', async () => {
    const id = await bought('100');
    const i = { paymentId: id, tokens: '50', idempotencyKey: `same-${randomUUID()}` };
    const [a, b] = await Promise.all([refund(shop.tokens.admin, i), refund(shop.tokens.admin, i)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect(a.data?.refundPayment.id).toBe(b.data?.refundPayment.id);
    expect((await paymentOf(p, shop.tokens.member, id)).refundedTokens).toBe('50');
  });

  it('never returns more than was paid when refunds run at once', async () => {
    const before = await balance(p, shop);
    const id = await bought('300');
    const results = await Promise.all(Array.from({ length: 5 }, () => refund(shop.tokens.admin, { paymentId: id, tokens: '100' })));
    const done = results.filter((r) => r.data?.refundPayment.status === 'SUCCEEDED').map((r) => r.data!.refundPayment);
    expect(done.length).toBe(3);
    expect(results.filter((r) => codeOf(r) === 'REFUND_EXCEEDS_PAYMENT').length).toBe(2);
    expect(done.reduce((sum, r) => sum + BigInt(r.amount), 0n)).toBe(450n);
    const after = await paymentOf(p, shop.tokens.member, id);
    expect({ tokens: after.refundedTokens, amount: after.refundedAmount }).toEqual({ tokens: '300', amount: '450' });
    expect(await balance(p, shop)).toBe(before);
  });

  it('refuses a refund when the buyer spent the tokens, unless an owner refunds only what is left', async () => {
    const before = await balance(p, shop);
    const id = await bought('300');
    await ok(p, shop.tokens.member, 'mutation($i: MovementInput!) { transferTokens(input: $i) { id } }', {
      i: { tokenId: shop.tokenId, amount: (before + 100n).toString(), toUserId: shop.userIds.auditor, idempotencyKey: `spend-${randomUUID()}` },
    });
    const refused = await refund(shop.tokens.admin, { paymentId: id });
    expect(codeOf(refused)).toBe('TOKENS_SPENT');
    expect((await paymentOf(p, shop.tokens.member, id)).refundedTokens).toBe('0');
    expect(codeOf(await refund(shop.tokens.admin, { paymentId: id, onlyWhatIsLeft: true }))).toBe('FORBIDDEN');
    const left = await refund(shop.tokens.owner, { paymentId: id, onlyWhatIsLeft: true });
    expect(left.data?.refundPayment).toMatchObject({ status: 'SUCCEEDED', tokens: '200', amount: '300' });
    expect(await balance(p, shop)).toBe(0n);
    const after = await paymentOf(p, shop.tokens.member, id);
    expect(after.refunds.map((r) => ({ status: r.status, failureCode: r.failureCode }))).toEqual([
      { status: 'CANCELED', failureCode: 'TOKENS_SPENT' },
      { status: 'SUCCEEDED', failureCode: null },
    ]);
    expect(codeOf(await refund(shop.tokens.owner, { paymentId: id, onlyWhatIsLeft: true }))).toBe('TOKENS_SPENT');
  });

  it('refuses refunds of unpaid payments, by members, and with bad amounts', async () => {
    const unpaid = await startPurchase(p, shop, '100');
    expect(codeOf(await refund(shop.tokens.admin, { paymentId: unpaid.id }))).toBe('PAYMENT_STATE_CONFLICT');
    const id = await bought('100');
    expect(codeOf(await refund(shop.tokens.member, { paymentId: id }))).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    for (const tokens of ['-1', '0', '1.5', 'lots', '9'.repeat(45)]) expect(codeOf(await refund(shop.tokens.admin, { paymentId: id, tokens }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refund(shop.tokens.admin, { paymentId: id, tokens: '101' }))).toBe('REFUND_EXCEEDS_PAYMENT');
    expect(codeOf(await refund(shop.tokens.admin, { paymentId: 'not-an-id' }))).toBe('BAD_USER_INPUT');
  });
});

describe('the supply cap', () => {
  it('refuses a purchase that would break it before any money is taken, counting purchases on their way', async () => {
    const capped = await seedShop(p, 'capped', '1000');
    const quote = (tokens: string) => ok<{ quoteTokenPurchase: { id: string } }>(p, capped.tokens.member, 'mutation($i: QuoteInput!) { quoteTokenPurchase(input: $i) { id } }', { i: { tokenId: capped.tokenId, tokens } });
    const create = async (tokens: string) =>
      gql<{ createPayment: { id: string } }>(p, capped.tokens.member, 'mutation($i: CreatePaymentInput!) { createPayment(input: $i) { id } }', { i: { quoteId: (await quote(tokens)).quoteTokenPurchase.id, idempotencyKey: `cap-${randomUUID()}` } });
    expect(codeOf(await create('1001'))).toBe('SUPPLY_CAP_EXCEEDED');
    const first = await create('600');
    expect(codeOf(first)).toBeNull();
    expect(codeOf(await create('600'))).toBe('SUPPLY_CAP_EXCEEDED');
    // a canceled purchase gives its room back
    const dropped = await create('300');
    await ok(p, capped.tokens.member, 'mutation($id: ID!) { cancelPayment(paymentId: $id) { status } }', { id: dropped.data!.createPayment.id });
    expect(codeOf(await create('600'))).toBe('SUPPLY_CAP_EXCEEDED');
    const roomBack = await waitFor('the room back', () => create('400'), (r) => codeOf(r) === null);
    await ok(p, capped.tokens.member, 'mutation($id: ID!) { cancelPayment(paymentId: $id) { status } }', { id: roomBack.data!.createPayment.id });
    const paid = await confirm(p, capped.tokens.member, first.data!.createPayment.id, 'pm_sandbox_succeeds');
    expect(paid.status).toBe('SUCCEEDED');
    await waitFor('the tokens', () => paymentOf(p, capped.tokens.member, paid.id), (v) => v.issuance === 'ISSUED');
    expect(await balance(p, capped)).toBe(600n);
    expect(codeOf(await create('401'))).toBe('SUPPLY_CAP_EXCEEDED');
    await waitFor('the last room', () => create('400'), (r) => codeOf(r) === null);
  });
});
