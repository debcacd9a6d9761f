import { randomUUID } from 'node:crypto';
import { bearer, dataOrThrow, freePort } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform, type TestPlatformOptions } from '@etika/platform/testing';
import { PAYMENT_WEBHOOKS } from '@etika/schema';
import { signatureHeader } from '../src/webhook/signature.ts';

export { freePort };

export const SANDBOX_SECRET = 'whsec_test_sandbox_secret_0123456789';

/**
 * The whole platform through its gateway, with the sandbox delivering its webhooks to the gateway's own endpoint
 * (the platform tells payment where its gateway is), or to `webhookUrl`, e.g. nowhere, to lose them.
 */
export async function startPaymentPlatform(settings: Record<string, unknown> = {}, options: TestPlatformOptions & { webhookUrl?: string } = {}): Promise<TestPlatform> {
  const { webhookUrl, ...platform } = options;
  return startTestPlatform({
    ...platform,
    settings: {
      ...(webhookUrl ? { PAYMENT_WEBHOOK_URL: webhookUrl } : {}),
      SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET,
      SANDBOX_SETTLE_MS: 400,
      RECONCILE_INTERVAL_MS: 3_600_000,
      ...settings,
    },
  });
}

export const gql = async <T>(p: TestPlatform, token: string, query: string, variables: Record<string, unknown> = {}) => p.gql<T>(query, variables, bearer(token));
export const ok = async <T>(p: TestPlatform, token: string, query: string, variables: Record<string, unknown> = {}) => dataOrThrow(await gql<T>(p, token, query, variables));
export const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code ?? null;

export interface Shop extends Tenant {
  readonly tokenId: string;
}

/** An organisation with its four people, a token of two decimals (optionally capped) priced 1.50 EUR per token. */
export async function seedShop(p: TestPlatform, label: string, maxSupply: string | null = null): Promise<Shop> {
  const tenant = await seedTenant(p, label);
  const defined = await ok<{ defineToken: { id: string } }>(p, tenant.tokens.owner, 'mutation($i: DefineTokenInput!) { defineToken(input: $i) { id } }', {
    i: { name: `${label} points`, symbol: `P${randomUUID().slice(0, 6).replace(/[^A-Za-z0-9]/g, 'X').toUpperCase()}`, decimals: 2, maxSupply },
  });
  await setPrice(p, tenant.tokens.admin, defined.defineToken.id, '150', '100');
  return { ...tenant, tokenId: defined.defineToken.id };
}

export const SET_PRICE = 'mutation($i: SetTokenPriceInput!) { setTokenPrice(input: $i) { unitAmount perTokens currency } }';
export const setPrice = (p: TestPlatform, token: string, tokenId: string, unitAmount: string, perTokens = '1', extra: Record<string, unknown> = {}) =>
  ok(p, token, SET_PRICE, { i: { tokenId, unitAmount, perTokens, ...extra } });

export const QUOTE = 'mutation($i: QuoteInput!) { quoteTokenPurchase(input: $i) { id tokens total currency expiresAt } }';
export const CREATE = 'mutation($i: CreatePaymentInput!) { createPayment(input: $i) { id status total tokens } }';
export const PAYMENT_FIELDS = 'id status tokens total refundedTokens refundedAmount nextAction lastDeclineCode issuance attempts { method outcome declineCode } refunds { status tokens amount failureCode }';
export const CONFIRM = `mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { ${PAYMENT_FIELDS} } }`;
export const PAYMENT = `query($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} } }`;
export const REFUND = 'mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { id status tokens amount failureCode } }';

export interface PaymentView {
  id: string;
  status: string;
  tokens: string;
  total: string;
  refundedTokens: string;
  refundedAmount: string;
  nextAction: string | null;
  lastDeclineCode: string | null;
  issuance: string;
  attempts: { method: string; outcome: string; declineCode: string | null }[];
  refunds: { status: string; tokens: string; amount: string; failureCode: string | null }[];
}

/** Quote and payment for `tokens` of the shop's token as the member, not yet confirmed. */
export async function startPurchase(p: TestPlatform, shop: Shop, tokens: string, buyer: string = shop.tokens.member): Promise<{ id: string; total: string }> {
  const quote = await ok<{ quoteTokenPurchase: { id: string } }>(p, buyer, QUOTE, { i: { tokenId: shop.tokenId, tokens } });
  const created = await ok<{ createPayment: { id: string; total: string } }>(p, buyer, CREATE, { i: { quoteId: quote.quoteTokenPurchase.id, idempotencyKey: `buy-${randomUUID()}` } });
  return created.createPayment;
}

export async function confirm(p: TestPlatform, token: string, paymentId: string, method: string): Promise<PaymentView> {
  return (await ok<{ confirmPayment: PaymentView }>(p, token, CONFIRM, { i: { paymentId, paymentMethod: method } })).confirmPayment;
}

export async function paymentOf(p: TestPlatform, token: string, id: string): Promise<PaymentView> {
  return (await ok<{ payment: PaymentView }>(p, token, PAYMENT, { id })).payment;
}

/** The shop token's balance in the wallet of the person the access token is for. */
export async function balance(p: TestPlatform, shop: Shop, token: string = shop.tokens.member): Promise<bigint> {
  const me = await ok<{ me: { wallet: { token: { id: string }; amount: string }[] } }>(p, token, '{ me { wallet { token { id } amount } } }');
  return BigInt(me.me.wallet.find((b) => b.token.id === shop.tokenId)?.amount ?? '0');
}

export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A signed sandbox delivery of `type` for a payment, as the sandbox itself would send it, to the gateway. */
export async function deliver(p: TestPlatform, body: string, signature: string | null): Promise<number> {
  const response = await fetch(new URL(`${PAYMENT_WEBHOOKS.publicPrefix}sandbox`, p.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { [PAYMENT_WEBHOOKS.signatureHeaders.sandbox]: signature }) },
    body,
  });
  await response.text();
  return response.status;
}

export function sandboxEvent(orgId: string, paymentId: string, status: string, created = Math.floor(Date.now() / 1000), id = `evt_test_${randomUUID().replaceAll('-', '')}`): string {
  const intent = { id: `pi_sandbox_${paymentId.replaceAll('-', '')}`, status, metadata: { orgId, paymentId } };
  return JSON.stringify({ id, type: `payment_intent.${status}`, created, data: { object: intent } });
}

export const signed = (body: string, now = new Date()) => signatureHeader(body, SANDBOX_SECRET, now);
