import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { TestPlatform } from '@etika/platform/testing';
import { PAYMENT_WEBHOOKS } from '@etika/schema';
import { StripeProvider } from '../src/provider/stripe.ts';
import { WebhookSignatureError } from '../src/provider/provider.ts';
import { balance, confirm, ok, paymentOf, REFUND, seedShop, startPaymentPlatform, startPurchase, waitFor, type Shop } from './fixtures.ts';
import { startStripeApi, type StripeApi } from './stripe-api.ts';

const SECRET_KEY = 'sk_test_etika_local';
const WEBHOOK_SECRET = 'whsec_etika_local_stripe_secret';
const metadata = () => ({ orgId: randomUUID(), paymentId: randomUUID() });

let api: StripeApi;
beforeAll(async () => {
  api = await startStripeApi();
});
afterAll(() => api?.close());

describe('the Stripe adapter, against a server answering as Stripe’s API does', () => {
  const provider = () => new StripeProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiUrl: api.url });

  it('creates an intent with our metadata and an idempotency key, and confirms it', async () => {
    const m = metadata();
    const intent = await provider().createIntent({ amount: 1250n, currency: 'EUR', metadata: m, idempotencyKey: `create-${m.paymentId}` });
    expect(intent).toMatchObject({ status: 'requires_payment_method', failed: false });
    expect(intent.clientSecret).toMatch(/_secret_/);
    expect(api.intents.get(intent.id)).toMatchObject({ amount: 1250, currency: 'eur', metadata: m });
    const create = api.requests.find((r) => r.path === '/v1/payment_intents')!;
    expect(create.idempotencyKey).toBe(`create-${m.paymentId}`);
    expect(create.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(await provider().confirm(intent.id, 'pm_card_visa', `confirm-${m.paymentId}-0`)).toMatchObject({ status: 'succeeded', failed: false });
    expect(await provider().retrieve(intent.id)).toMatchObject({ status: 'succeeded' });
  });

  it('reads a decline as a failed attempt with its decline code, and the extra step as requires_action', async () => {
    const declined = await provider().createIntent({ amount: 500n, currency: 'EUR', metadata: metadata(), idempotencyKey: randomUUID() });
    expect(await provider().confirm(declined.id, 'pm_card_chargeDeclinedInsufficientFunds', randomUUID())).toMatchObject({ status: 'requires_payment_method', failed: true, declineCode: 'insufficient_funds' });
    const action = await provider().createIntent({ amount: 500n, currency: 'EUR', metadata: metadata(), idempotencyKey: randomUUID() });
    expect(await provider().confirm(action.id, 'pm_card_threeDSecure2Required', randomUUID())).toMatchObject({ status: 'requires_action', nextAction: 'provider_element' });
    expect(await provider().cancel(action.id)).toMatchObject({ status: 'canceled' });
    expect(await provider().retrieve('pi_unknown')).toBeNull();
  });

  it('refunds with our metadata', async () => {
    const m = metadata();
    const intent = await provider().createIntent({ amount: 900n, currency: 'EUR', metadata: m, idempotencyKey: randomUUID() });
    await provider().confirm(intent.id, 'pm_card_visa', randomUUID());
    const refundId = randomUUID();
    expect(await provider().refund({ intentId: intent.id, amount: 300n, metadata: { ...m, refundId }, idempotencyKey: `refund-${refundId}` })).toMatchObject({ status: 'succeeded', failureCode: null });
  });

  it('verifies incoming events with stripe.webhooks.constructEvent', () => {
    const m = metadata();
    const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: 'pi_1', object: 'payment_intent', status: 'succeeded', metadata: m } } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
    expect(provider().parseWebhook(body, header)).toMatchObject({ id: 'evt_1', orgId: m.orgId, paymentId: m.paymentId, intent: { status: 'succeeded' } });
    expect(() => provider().parseWebhook(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_other' }))).toThrow(WebhookSignatureError);
    expect(() => provider().parseWebhook(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 }))).toThrow(WebhookSignatureError);
    expect(() => provider().parseWebhook(body, undefined)).toThrow(WebhookSignatureError);
  });
});

describe('the platform on the Stripe adapter, through the gateway', () => {
  let p: TestPlatform;
  let shop: Shop;
  beforeAll(async () => {
    p = await startPaymentPlatform({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: api.url });
    shop = await seedShop(p, 'stripe');
  });
  afterAll(() => p?.close());

  it('offers no methods of its own: card entry is Stripe’s element', async () => {
    expect((await ok<{ paymentMethods: unknown }>(p, shop.tokens.member, '{ paymentMethods { provider methods { id } } }')).paymentMethods).toEqual({ provider: 'STRIPE', methods: [] });
  });

  it('buys, declines, settles a processing payment by a Stripe-signed webhook, and refunds', async () => {
    const declined = await startPurchase(p, shop, '100');
    expect(await confirm(p, shop.tokens.member, declined.id, 'pm_card_chargeDeclined')).toMatchObject({ status: 'REQUIRES_PAYMENT_METHOD', lastDeclineCode: 'generic_decline' });
    expect((await confirm(p, shop.tokens.member, declined.id, 'pm_card_visa')).status).toBe('SUCCEEDED');
    await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, declined.id), (v) => v.issuance === 'ISSUED');

    const later = await startPurchase(p, shop, '200');
    expect((await confirm(p, shop.tokens.member, later.id, 'pm_card_processing')).status).toBe('PROCESSING');
    const intentId = [...api.intents.values()].find((i) => (i['metadata'] as { paymentId: string }).paymentId === later.id)!['id'] as string;
    api.intents.get(intentId)!['status'] = 'succeeded';
    const body = JSON.stringify({ id: `evt_${randomUUID().slice(0, 8)}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: api.intents.get(intentId) } });
    const bad = await fetch(new URL(`${PAYMENT_WEBHOOKS.publicPrefix}stripe`, p.gatewayUrl), { method: 'POST', body, headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } });
    expect(bad.status).toBe(400);
    const good = await fetch(new URL(`${PAYMENT_WEBHOOKS.publicPrefix}stripe`, p.gatewayUrl), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }) },
    });
    expect(good.status).toBe(200);
    await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, later.id), (v) => v.issuance === 'ISSUED');
    expect(await balance(p, shop)).toBe(300n);

    const refund = await ok<{ refundPayment: { status: string; amount: string } }>(p, shop.tokens.admin, REFUND, { i: { paymentId: later.id, idempotencyKey: `r-${randomUUID()}` } });
    expect(refund.refundPayment).toMatchObject({ status: 'SUCCEEDED', tokens: '200', amount: '300' });
    expect(api.requests.filter((r) => r.path === '/v1/refunds').at(-1)?.idempotencyKey).toMatch(/^refund-/);
    expect(await balance(p, shop)).toBe(100n);
  });
});
