import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { outboxEvents, rowsInTenant } from '@etika/kit/testing';
import type { TestPlatform } from '@etika/platform/testing';
import { PAYMENT_WEBHOOKS } from '@etika/schema';
import { signatureHeader } from '../src/webhook/signature.ts';
import { balance, confirm, deliver, paymentOf, sandboxEvent, seedShop, signed, startPaymentPlatform, startPurchase, waitFor, type Shop } from './fixtures.ts';

/**
 * Provider webhooks through the gateway: signatures, exactly-once processing under concurrent and repeated
 * deliveries, and events out of order. The sandbox settles processing payments only after a minute here, so the
 * test's own deliveries are what moves them.
 */
let p: TestPlatform;
let shop: Shop;
let other: Shop;
beforeAll(async () => {
  p = await startPaymentPlatform({ SANDBOX_SETTLE_MS: 60_000 });
  shop = await seedShop(p, 'hooks');
  other = await seedShop(p, 'other');
});
afterAll(() => p?.close());

async function processing(tokens = '100'): Promise<string> {
  const payment = await startPurchase(p, shop, tokens);
  expect((await confirm(p, shop.tokens.member, payment.id, 'pm_sandbox_processing')).status).toBe('PROCESSING');
  return payment.id;
}

/** How many times payment claimed the provider's event, in the organisation's scope where the claim is made. */
const seenEvents = async (id: string) => (await rowsInTenant<{ n: number }>(p.databases.payment.db, shop.orgId, sql`select count(*)::int as n from payment.provider_events where event_id = ${id}`))[0]!.n;

describe('signatures', () => {
  it.each([
    ['a wrong secret', (body: string) => signatureHeader(body, 'whsec_not_the_sandbox_secret_at_all')],
    ['no signature', () => null],
    ['a stale timestamp', (body: string) => signed(body, new Date(Date.now() - 301_000))],
    ['a timestamp from the future', (body: string) => signed(body, new Date(Date.now() + 330_000))],
    ['a signature of another body', (body: string) => signed(`${body} `)],
    ['garbage', () => 't=abc,v1=zz'],
  ])('answers 400 to %s and changes nothing', async (_what, sign) => {
    const id = await processing();
    const body = sandboxEvent(shop.orgId, id, 'succeeded');
    expect(await deliver(p, body, sign(body))).toBe(400);
    expect((await paymentOf(p, shop.tokens.member, id)).status).toBe('PROCESSING');
    expect(await seenEvents((JSON.parse(body) as { id: string }).id)).toBe(0);
  });

  it('answers 404 for a provider it does not know and 405 for anything but POST', async () => {
    const body = sandboxEvent(shop.orgId, shop.tokenId, 'succeeded');
    const unknown = await fetch(new URL(`${PAYMENT_WEBHOOKS.publicPrefix}paypal`, p.gatewayUrl), { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(unknown.status).toBe(404);
    const get = await fetch(new URL(`${PAYMENT_WEBHOOKS.publicPrefix}sandbox`, p.gatewayUrl));
    expect(get.status).toBe(405);
  });
});

describe('each event once', () => {
  it('issues the tokens once when the same event is delivered ten times at once', async () => {
    const before = await balance(p, shop);
    const id = await processing('300');
    const body = sandboxEvent(shop.orgId, id, 'succeeded');
    const statuses = await Promise.all(Array.from({ length: 10 }, () => deliver(p, body, signed(body))));
    expect(statuses).toEqual(Array(10).fill(200));
    await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, id), (v) => v.issuance === 'ISSUED');
    expect((await paymentOf(p, shop.tokens.member, id)).status).toBe('SUCCEEDED');
    expect(await balance(p, shop)).toBe(before + 300n);
    // and once more, later, as a provider retries
    expect(await deliver(p, body, signed(body))).toBe(200);
    expect(await seenEvents((JSON.parse(body) as { id: string }).id)).toBe(1);
    expect(await outboxEvents(p.databases.payment.db, 'payment', sql`type = 'payment.succeeded' and payload->>'paymentId' = ${id}`)).toHaveLength(1);
    const issued = await rowsInTenant<{ n: number }>(p.databases.token.db, shop.orgId, sql`select count(*)::int as n from token.purchases where payment_id = ${id}::uuid`);
    expect(issued[0]!.n).toBe(1);
    expect(await balance(p, shop)).toBe(before + 300n);
  });

  it('ends succeeded, with the tokens once, whatever the order the events arrive in', async () => {
    const before = await balance(p, shop);
    const id = await processing('100');
    const t = Math.floor(Date.now() / 1000);
    const events = [
      sandboxEvent(shop.orgId, id, 'succeeded', t + 2),
      sandboxEvent(shop.orgId, id, 'processing', t),
      sandboxEvent(shop.orgId, id, 'requires_action', t - 1),
      JSON.stringify({ ...JSON.parse(sandboxEvent(shop.orgId, id, 'requires_payment_method', t - 2)), type: 'payment_intent.payment_failed' }).replace('"status":"requires_payment_method"', '"status":"requires_payment_method","last_payment_error":{"decline_code":"generic_decline"}'),
    ];
    for (const body of events) expect(await deliver(p, body, signed(body))).toBe(200);
    const after = await waitFor('the tokens', () => paymentOf(p, shop.tokens.member, id), (v) => v.issuance === 'ISSUED');
    expect(after.status).toBe('SUCCEEDED');
    expect(await balance(p, shop)).toBe(before + 100n);
  });

  it('changes nothing for an event naming another organisation than the payment’s', async () => {
    const id = await processing();
    const body = sandboxEvent(other.orgId, id, 'succeeded');
    expect(await deliver(p, body, signed(body))).toBe(200);
    expect((await paymentOf(p, shop.tokens.member, id)).status).toBe('PROCESSING');
  });
});
