import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsInTenant } from '@etika/kit/testing';
import type { TestPlatform } from '@etika/platform/testing';
import { balance, codeOf, confirm, gql, ok, paymentOf, QUOTE, CREATE, seedShop, setPrice, startPaymentPlatform, startPurchase, waitFor, type Shop } from './fixtures.ts';

/** Buying tokens with the sandbox's test methods, end to end through the gateway. */
let p: TestPlatform;
let shop: Shop;
beforeAll(async () => {
  p = await startPaymentPlatform();
  shop = await seedShop(p, 'buy');
});
afterAll(() => p?.close());

const issued = (id: string) => waitFor('the tokens', () => paymentOf(p, shop.tokens.member, id), (v) => v.issuance === 'ISSUED');

describe('buying tokens with the sandbox', () => {
  it('pays with the method that succeeds and gets the tokens once', async () => {
    const before = await balance(p, shop);
    const payment = await startPurchase(p, shop, '250');
    expect(payment.total).toBe('375');
    const paid = await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_succeeds');
    expect(paid.status).toBe('SUCCEEDED');
    await issued(payment.id);
    expect(await balance(p, shop)).toBe(before + 250n);
  });

  it.each([
    ['pm_sandbox_declined_card', 'generic_decline'],
    ['pm_sandbox_declined_funds', 'insufficient_funds'],
    ['pm_sandbox_declined_expired', 'expired_card'],
  ])('keeps a decline with %s as an attempt and can then pay with another method', async (method, declineCode) => {
    const before = await balance(p, shop);
    const payment = await startPurchase(p, shop, '100');
    const declined = await confirm(p, shop.tokens.member, payment.id, method);
    expect({ status: declined.status, code: declined.lastDeclineCode }).toEqual({ status: 'REQUIRES_PAYMENT_METHOD', code: declineCode });
    expect(declined.attempts).toEqual([{ method, outcome: 'DECLINED', declineCode }]);
    expect(await balance(p, shop)).toBe(before);
    const paid = await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_succeeds');
    expect(paid.status).toBe('SUCCEEDED');
    expect(paid.attempts.map((a) => a.outcome)).toEqual(['DECLINED', 'SUCCEEDED']);
    await issued(payment.id);
    expect(await balance(p, shop)).toBe(before + 100n);
  });

  it('asks for the extra step, and succeeds when the buyer approves it', async () => {
    const before = await balance(p, shop);
    const payment = await startPurchase(p, shop, '100');
    const waiting = await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_requires_action');
    expect({ status: waiting.status, next: waiting.nextAction }).toEqual({ status: 'REQUIRES_ACTION', next: 'CONFIRM_IN_APP' });
    const done = await ok<{ completePaymentAction: { status: string } }>(p, shop.tokens.member, 'mutation($i: CompletePaymentActionInput!) { completePaymentAction(input: $i) { status } }', { i: { paymentId: payment.id, approve: true } });
    expect(done.completePaymentAction.status).toBe('SUCCEEDED');
    await issued(payment.id);
    expect(await balance(p, shop)).toBe(before + 100n);
  });

  it('goes back to waiting for a method when the buyer refuses the extra step', async () => {
    const payment = await startPurchase(p, shop, '100');
    await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_requires_action');
    const refused = await ok<{ completePaymentAction: { status: string; lastDeclineCode: string } }>(p, shop.tokens.member, 'mutation($i: CompletePaymentActionInput!) { completePaymentAction(input: $i) { status lastDeclineCode } }', { i: { paymentId: payment.id, approve: false } });
    expect(refused.completePaymentAction).toEqual({ status: 'REQUIRES_PAYMENT_METHOD', lastDeclineCode: 'authentication_failed' });
  });

  it('stays processing, then settles by the sandbox’s signed webhook through the gateway', async () => {
    const before = await balance(p, shop);
    const payment = await startPurchase(p, shop, '100');
    const processing = await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_processing');
    expect(processing.status).toBe('PROCESSING');
    const settled = await issued(payment.id);
    expect(settled.status).toBe('SUCCEEDED');
    expect(await balance(p, shop)).toBe(before + 100n);
  });

  it('cancels a payment not yet paid, and refuses to confirm it afterwards', async () => {
    const payment = await startPurchase(p, shop, '100');
    const canceled = await ok<{ cancelPayment: { status: string } }>(p, shop.tokens.member, 'mutation($id: ID!) { cancelPayment(paymentId: $id) { status } }', { id: payment.id });
    expect(canceled.cancelPayment.status).toBe('CANCELED');
    const again = await gql(p, shop.tokens.member, 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }', { i: { paymentId: payment.id, paymentMethod: 'pm_sandbox_succeeds' } });
    expect(codeOf(again)).toBe('PAYMENT_STATE_CONFLICT');
  });

  it('answers the same payment for the same idempotency key, and one payment per quote', async () => {
    const quote = await ok<{ quoteTokenPurchase: { id: string } }>(p, shop.tokens.member, QUOTE, { i: { tokenId: shop.tokenId, tokens: '100' } });
    const i = { quoteId: quote.quoteTokenPurchase.id, idempotencyKey: 'same-key-twice' };
    const [a, b] = await Promise.all([ok<{ createPayment: { id: string } }>(p, shop.tokens.member, CREATE, { i }), ok<{ createPayment: { id: string } }>(p, shop.tokens.member, CREATE, { i })]);
    expect(a.createPayment.id).toBe(b.createPayment.id);
    const other = await gql(p, shop.tokens.member, CREATE, { i: { ...i, idempotencyKey: 'another-key' } });
    expect(codeOf(other)).toBe('CONFLICT');
    const fresh = await ok<{ quoteTokenPurchase: { id: string } }>(p, shop.tokens.member, QUOTE, { i: { tokenId: shop.tokenId, tokens: '100' } });
    const racing = await Promise.all(['key-a', 'key-b', 'key-c'].map((key) => gql(p, shop.tokens.member, CREATE, { i: { quoteId: fresh.quoteTokenPurchase.id, idempotencyKey: key } })));
    expect(racing.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', null]);
  });

  it('lists the buyer’s payments, and the organisation’s for those who may see them, with filters', async () => {
    const mine = await ok<{ myPayments: { nodes: { status: string; buyer: { id: string } }[] } }>(p, shop.tokens.member, '{ myPayments(input: { first: 50 }) { nodes { status buyer { id } } } }');
    expect(mine.myPayments.nodes.length).toBeGreaterThan(5);
    expect(new Set(mine.myPayments.nodes.map((n) => n.buyer.id))).toEqual(new Set([shop.userIds.member]));
    const canceled = await ok<{ organizationPayments: { nodes: { status: string }[] } }>(p, shop.tokens.auditor, '{ organizationPayments(input: { status: CANCELED }) { nodes { status } } }');
    expect(canceled.organizationPayments.nodes.map((n) => n.status)).toEqual(['CANCELED']);
    const member = await gql(p, shop.tokens.member, '{ organizationPayments { nodes { id } } }');
    expect(codeOf(member)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const page = await ok<{ organizationPayments: { nodes: unknown[]; endCursor: string; hasNextPage: boolean } }>(p, shop.tokens.admin, '{ organizationPayments(input: { first: 2 }) { nodes { id } endCursor hasNextPage } }');
    expect(page.organizationPayments.hasNextPage).toBe(true);
  });
});

describe('quotes and prices', () => {
  it('refuses a payment on an expired quote', async () => {
    const quote = await ok<{ quoteTokenPurchase: { id: string } }>(p, shop.tokens.member, QUOTE, { i: { tokenId: shop.tokenId, tokens: '100' } });
    // the quote's minutes pass
    const expired = await rowsInTenant(p.databases.payment.db, shop.orgId, sql`update payment.quotes set expires_at = now() - interval '1 second' where id = ${quote.quoteTokenPurchase.id}::uuid returning id`);
    expect(expired).toHaveLength(1);
    expect(codeOf(await gql(p, shop.tokens.member, CREATE, { i: { quoteId: quote.quoteTokenPurchase.id, idempotencyKey: 'expired-quote' } }))).toBe('QUOTE_EXPIRED');
  });

  it('refuses a payment when the price changed between quote and payment', async () => {
    const quote = await ok<{ quoteTokenPurchase: { id: string } }>(p, shop.tokens.member, QUOTE, { i: { tokenId: shop.tokenId, tokens: '100' } });
    await setPrice(p, shop.tokens.admin, shop.tokenId, '200', '100');
    expect(codeOf(await gql(p, shop.tokens.member, CREATE, { i: { quoteId: quote.quoteTokenPurchase.id, idempotencyKey: 'price-changed' } }))).toBe('PRICE_CHANGED');
    await setPrice(p, shop.tokens.admin, shop.tokenId, '150', '100');
  });

  it.each([
    [{ tokens: '-5' }, 'BAD_USER_INPUT', 'tokens'],
    [{ tokens: '0' }, 'BAD_USER_INPUT', 'tokens'],
    [{ tokens: '1.5' }, 'BAD_USER_INPUT', 'tokens'],
    [{ tokens: '9'.repeat(50) }, 'BAD_USER_INPUT', 'tokens'],
    [{ tokens: '9'.repeat(30) }, 'PURCHASE_LIMIT', 'tokens'],
    [{ total: '1' }, 'PURCHASE_LIMIT', 'total'],
  ])('refuses the quote %j with %s', async (ask, code, field) => {
    const r = await gql<unknown>(p, shop.tokens.member, QUOTE, { i: { tokenId: shop.tokenId, ...ask } });
    expect({ code: codeOf(r), field: (r.errors?.[0]?.extensions as { field?: string } | undefined)?.field }).toEqual({ code, field });
  });

  it.each([
    [{ unitAmount: '-1' }, 'BAD_USER_INPUT', 'unitAmount'],
    [{ unitAmount: '0' }, 'BAD_USER_INPUT', 'unitAmount'],
    [{ unitAmount: '1.50' }, 'BAD_USER_INPUT', 'unitAmount'],
    [{ unitAmount: '1000000000' }, 'BAD_USER_INPUT', 'unitAmount'],
    [{ unitAmount: '150', currency: 'XYZ' }, 'UNSUPPORTED_CURRENCY', 'currency'],
    [{ unitAmount: '150', minTokens: '10', maxTokens: '5' }, 'BAD_USER_INPUT', 'minTokens'],
  ])('refuses the price %j with %s', async (input, code, field) => {
    const r = await gql(p, shop.tokens.admin, 'mutation($i: SetTokenPriceInput!) { setTokenPrice(input: $i) { unitAmount } }', { i: { tokenId: shop.tokenId, ...input } });
    expect({ code: codeOf(r), field: (r.errors?.[0]?.extensions as { field?: string } | undefined)?.field }).toEqual({ code, field });
  });

  it('lets only those with payment:manage set prices, and shows them to members', async () => {
    const r = await gql(p, shop.tokens.member, 'mutation($i: SetTokenPriceInput!) { setTokenPrice(input: $i) { unitAmount } }', { i: { tokenId: shop.tokenId, unitAmount: '1' } });
    expect(codeOf(r)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const seen = await ok<{ tokens: { id: string; price: { unitAmount: string; currency: string; currencyExponent: number } | null }[] }>(p, shop.tokens.member, '{ tokens { id price { unitAmount currency currencyExponent } } }');
    expect(seen.tokens.find((t) => t.id === shop.tokenId)?.price).toEqual({ unitAmount: '150', currency: 'EUR', currencyExponent: 2 });
  });
});
