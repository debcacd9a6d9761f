/**
 * Purchases per second with the sandbox provider, from quote to tokens in the wallet: each client is a member who
 * asks a quote, creates the payment and confirms it with the method that succeeds; token issues the tokens when it
 * consumes `payment.succeeded`. Part of
 * `npm run bench`; `npx tsx bench/purchases.ts` (with DATABASE_URL) runs it alone.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import { inTenant, queryRows, sql, type Db } from '@etika/kit';
import { bearer, dataOrThrow, graphql, type Platform } from '@etika/platform';
import { runLoad } from './load.ts';

const QUOTE = 'mutation($i: QuoteInput!) { quoteTokenPurchase(input: $i) { id } }';
const CREATE = 'mutation($i: CreatePaymentInput!) { createPayment(input: $i) { id } }';
const CONFIRM = 'mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { status } }';

export interface PurchaseBench {
  readonly clients: number;
  /** Purchases whose tokens reached the wallet, per second of the run (until the last one arrived). */
  readonly perSecond: number;
  /** From the quote to the tokens in the wallet, as the two databases recorded them. */
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
}

/**
 * Prices the token (1 minor unit of EUR a token unit), then `clients` buyers each ask a quote, create the payment
 * and confirm it with the method that succeeds, for `seconds`; then waits until every paid purchase is in its
 * buyer's wallet. Nobody polls: the times are the quote's and the issuance's, read from payment's and token's tables.
 */
export async function benchPurchases(platform: Pick<Platform, 'gatewayUrl' | 'databases'>, orgId: string, ownerToken: string, tokenId: string, buyers: readonly { token: string }[], clients: number, seconds: number): Promise<PurchaseBench> {
  const gatewayUrl = platform.gatewayUrl;
  dataOrThrow(await graphql(gatewayUrl, 'mutation($i: SetTokenPriceInput!) { setTokenPrice(input: $i) { unitAmount } }', { i: { tokenId, unitAmount: '1', perTokens: '1' } }, bearer(ownerToken)));
  const paid: string[] = [];
  const started = new Date();
  // the first refusal is told, so a run whose purchases all fail says why
  let told = false;
  const refused = (step: string, errors: unknown): false => {
    if (!told) process.stderr.write(`purchases: ${step} refused: ${JSON.stringify(errors)}\n`);
    told = true;
    return false;
  };
  const load = await runLoad(clients, seconds, (worker) => purchase(worker).catch((err: unknown) => refused('request', String(err))));
  async function purchase(worker: number): Promise<boolean> {
    const auth = bearer(buyers[worker % buyers.length]!.token);
    const quote = await graphql<{ quoteTokenPurchase: { id: string } }>(gatewayUrl, QUOTE, { i: { tokenId, tokens: '10' } }, auth);
    if (!quote.data) return refused('quote', quote.errors);
    const created = await graphql<{ createPayment: { id: string } }>(gatewayUrl, CREATE, { i: { quoteId: quote.data.quoteTokenPurchase.id, idempotencyKey: randomUUID() } }, auth);
    if (!created.data) return refused('payment', created.errors);
    const confirmed = await graphql<{ confirmPayment: { status: string } }>(gatewayUrl, CONFIRM, { i: { paymentId: created.data.createPayment.id, paymentMethod: 'pm_sandbox_succeeds' } }, auth);
    if (confirmed.data?.confirmPayment.status !== 'SUCCEEDED') return refused('confirmation', confirmed.errors ?? confirmed.data);
    paid.push(created.data.createPayment.id);
    return true;
  }
  // read in the organisation's scope, as its own people would: under row-level security nothing else sees its rows
  const rows = <T extends Record<string, unknown>>(db: Db, query: SQL) => inTenant(db, { orgId, userId: null }, (tx) => queryRows<T>(tx, query));
  const issuedOf = async () =>
    rows<{ payment_id: string; at: Date }>(platform.databases.token.db, sql`select payment_id::text, created_at as at from token.purchases where payment_id in (${sql.join(paid.map((id) => sql`${id}::uuid`), sql`, `)})`);
  let issued = paid.length ? await issuedOf() : [];
  for (let waited = 0; issued.length < paid.length && waited < 60_000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    issued = await issuedOf();
  }
  const quoted = paid.length
    ? await rows<{ id: string; at: Date }>(platform.databases.payment.db, sql`select p.id::text, q.created_at as at from payment.payments p join payment.quotes q on q.id = p.quote_id where p.id in (${sql.join(paid.map((id) => sql`${id}::uuid`), sql`, `)})`)
    : [];
  const quotedAt = new Map(quoted.map((q) => [q.id, new Date(q.at).getTime()]));
  const latencies = issued.map((i) => new Date(i.at).getTime() - quotedAt.get(i.payment_id)!).sort((a, b) => a - b);
  const last = Math.max(...issued.map((i) => new Date(i.at).getTime()), started.getTime() + 1);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { clients, perSecond: issued.length / ((last - started.getTime()) / 1000), p50: at(0.5), p99: at(0.99), failed: load.failed + (paid.length - issued.length) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { generateKeyPairs, keysFor, openDatabase } = await import('@etika/kit');
  const { SUPERGRAPH_PATH } = await import('@etika/schema');
  const { SIGNING_SERVICES, startPlatform } = await import('@etika/platform');
  const { seedTenant } = await import('./fixtures.ts');
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('bench/purchases.ts needs DATABASE_URL');
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
  const keys = await generateKeyPairs(SIGNING_SERVICES);
  const platform = await startPlatform({
    keys: async (service, needs) => keysFor(keys, service, needs),
    openDatabase: () => openDatabase({ url, maxConnections: 20 }),
    supergraphPath: SUPERGRAPH_PATH,
    // the platform tells payment the gateway it started (GATEWAY_URL), where the sandbox delivers its webhooks
    gatewayPort: 0,
    freePorts: true,
    logLevel: 'silent',
    settings: { SIGN_UP_LIMIT_PER_ADDRESS: 100_000, INVITATIONS_PER_INVITER_PER_HOUR: 100_000 },
  });
  try {
    const tenant = await seedTenant(platform.gatewayUrl, 16);
    const token = dataOrThrow(await graphql<{ defineToken: { id: string } }>(platform.gatewayUrl, 'mutation { defineToken(input: { name: "Bench", symbol: "BUY", decimals: 0 }) { id } }', {}, bearer(tenant.ownerToken))).defineToken.id;
    for (const clients of [1, 16]) {
      const r = await benchPurchases(platform, tenant.orgId, tenant.ownerToken, token, tenant.members, clients, seconds);
      process.stdout.write(`purchases, quote to tokens in the wallet (sandbox), ${clients} clients: ${r.perSecond.toFixed(1)}/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, failed ${r.failed}\n`);
    }
  } finally {
    await platform.close();
  }
}
