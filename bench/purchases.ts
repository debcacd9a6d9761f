/**
 * Purchases per second with the sandbox provider, from quote to tokens in the wallet: each client is a member who
 * asks a quote, creates the payment, confirms it with the method that succeeds, and waits until the payment says
 * its tokens were issued (token consumed `payment.succeeded` and answered `token.purchase.settled`). Part of
 * `npm run bench`; `npx tsx bench/purchases.ts` (with DATABASE_URL) runs it alone.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { runLoad, type LoadResult } from './load.ts';

const QUOTE = 'mutation($i: QuoteInput!) { quoteTokenPurchase(input: $i) { id } }';
const CREATE = 'mutation($i: CreatePaymentInput!) { createPayment(input: $i) { id } }';
const CONFIRM = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }';
const ISSUED = 'query($id: ID!) { payment(id: $id) { issuance } }';

/** Prices the token (1 minor unit of EUR a token unit), then runs `clients` buyers for `seconds`. */
export async function benchPurchases(gatewayUrl: string, ownerToken: string, tokenId: string, buyers: readonly { token: string }[], clients: number, seconds: number): Promise<LoadResult> {
  dataOrThrow(await graphql(gatewayUrl, 'mutation($i: SetTokenPriceInput!) { setTokenPrice(input: $i) { unitAmount } }', { i: { tokenId, unitAmount: '1', perTokens: '1' } }, bearer(ownerToken)));
  const buy = async (worker: number) => {
    const auth = bearer(buyers[worker % buyers.length]!.token);
    const quote = await graphql<{ quoteTokenPurchase: { id: string } }>(gatewayUrl, QUOTE, { i: { tokenId, tokens: '10' } }, auth);
    if (!quote.data) return false;
    const created = await graphql<{ createPayment: { id: string } }>(gatewayUrl, CREATE, { i: { quoteId: quote.data.quoteTokenPurchase.id, idempotencyKey: randomUUID() } }, auth);
    if (!created.data) return false;
    const id = created.data.createPayment.id;
    const paid = await graphql<{ confirmPayment: { status: string } }>(gatewayUrl, CONFIRM, { i: { paymentId: id, paymentMethod: 'pm_sandbox_succeeds' } }, auth);
    if (paid.data?.confirmPayment.status !== 'SUCCEEDED') return false;
    for (let i = 0; i < 1_000; i++) {
      const seen = await graphql<{ payment: { issuance: string } }>(gatewayUrl, ISSUED, { id }, auth);
      if (seen.data?.payment.issuance === 'ISSUED') return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };
  return runLoad(clients, seconds, buy);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { createServer } = await import('node:net');
  const { generateKeyPairs, keysFor, openDatabase } = await import('@etika/kit');
  const { SUPERGRAPH_PATH } = await import('@etika/schema');
  const { SIGNING_SERVICES, startPlatform } = await import('@etika/platform');
  const { seedTenant } = await import('./fixtures.ts');
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('bench/purchases.ts needs DATABASE_URL');
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });
  const keys = await generateKeyPairs(SIGNING_SERVICES);
  const platform = await startPlatform({
    keys: async (service, needs) => keysFor(keys, service, needs),
    openDatabase: () => openDatabase({ url, maxConnections: 20 }),
    supergraphPath: SUPERGRAPH_PATH,
    gatewayPort: port,
    freePorts: true,
    logLevel: 'silent',
    settings: { SIGN_UP_LIMIT_PER_ADDRESS: 100_000, INVITATIONS_PER_INVITER_PER_HOUR: 100_000, PAYMENT_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/payments/sandbox` },
  });
  try {
    const tenant = await seedTenant(platform.gatewayUrl, 16);
    const token = dataOrThrow(await graphql<{ defineToken: { id: string } }>(platform.gatewayUrl, 'mutation { defineToken(input: { name: "Bench", symbol: "BUY", decimals: 0 }) { id } }', {}, bearer(tenant.ownerToken))).defineToken.id;
    for (const clients of [1, 16]) {
      const r = await benchPurchases(platform.gatewayUrl, tenant.ownerToken, token, tenant.members, clients, seconds);
      process.stdout.write(`purchases, quote to tokens in the wallet (sandbox), ${clients} clients: ${r.perSecond.toFixed(1)}/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, failed ${r.failed}\n`);
    }
  } finally {
    await platform.close();
  }
}
