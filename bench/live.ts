/**
 * The time from a transfer to its live updates: the recipient holds a `walletChanged` and a `notificationAdded`
 * stream through the gateway (graphql-sse's own client over fetch), a member sends them tokens `count` times one after
 * another, and each latency runs from sending the mutation to the recipient's stream delivering that transaction
 * (the wallet, resolved as them) and its notification. Part of `npm run bench`; `npx tsx bench/live.ts` runs it
 * alone on a test platform (PGlite in memory, or the `DATABASE_URL` server; Redis with `REDIS_URL`).
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-sse';
import { bearer, dataOrThrow, graphql } from '@etika/platform';

export interface LiveBench {
  readonly transfers: number;
  /** From sending the transfer to the recipient's walletChanged for it, in ms. */
  readonly wallet: { readonly p50: number; readonly p99: number };
  /** From sending the transfer to the recipient's notificationAdded for it, in ms. */
  readonly notification: { readonly p50: number; readonly p99: number };
}

type Member = { readonly userId: string; readonly token: string };

/** Resolves each next value a subscription delivers, in order, with when it arrived. */
function stream(gatewayUrl: string, query: string, token: string) {
  const client = createClient({ url: new URL('/graphql/stream', gatewayUrl).toString(), headers: bearer(token), retryAttempts: 0, fetchFn: fetch });
  type Arrival = { readonly data: Record<string, unknown>; readonly at: number };
  const waiting: ((arrival: Arrival) => void)[] = [];
  const queued: Arrival[] = [];
  let connect!: () => void;
  const connected = new Promise<void>((resolve) => (connect = resolve));
  const dispose = client.subscribe<Record<string, unknown>>({ query }, {
    next: (r) => {
      const arrival = { data: r.data ?? {}, at: performance.now() };
      const w = waiting.shift();
      if (w) w(arrival);
      else queued.push(arrival);
    },
    error: (err) => process.stderr.write(`live stream failed: ${String(err)}\n`),
    complete: () => undefined,
  }, { connected: () => connect() });
  return {
    connected,
    next: () => (queued.length ? Promise.resolve(queued.shift()!) : new Promise<Arrival>((resolve) => waiting.push(resolve))),
    close: () => {
      dispose();
      client.dispose();
    },
  };
}

const percentile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function benchLive(gatewayUrl: string, tokenId: string, sender: Member, recipient: Member, count: number): Promise<LiveBench> {
  const wallet = stream(gatewayUrl, 'subscription { walletChanged { transactionId wallet { amount } } }', recipient.token);
  const notices = stream(gatewayUrl, 'subscription { notificationAdded { id kind params { name value } } }', recipient.token);
  await Promise.all([wallet.connected, notices.connected]);
  const walletMs: number[] = [];
  const noticeMs: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const sent = graphql<{ transferTokens: { id: string } }>(gatewayUrl, 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }', {
        input: { tokenId, amount: '1', toUserId: recipient.userId, idempotencyKey: randomUUID() },
      }, bearer(sender.token));
      const id = dataOrThrow(await sent).transferTokens.id;
      for (;;) {
        const { data, at } = await wallet.next();
        if ((data['walletChanged'] as { transactionId: string }).transactionId !== id) continue;
        walletMs.push(at - started);
        break;
      }
      for (;;) {
        const { data, at } = await notices.next();
        // the notice of this transfer: one left from earlier traffic would count an arrival before the send
        const notice = data['notificationAdded'] as { kind: string; params: { name: string; value: string }[] };
        if (notice.kind !== 'TOKENS_RECEIVED' || !notice.params.some((p) => p.name === 'transactionId' && p.value === id)) continue;
        noticeMs.push(at - started);
        break;
      }
    }
  } finally {
    wallet.close();
    notices.close();
  }
  walletMs.sort((a, b) => a - b);
  noticeMs.sort((a, b) => a - b);
  return {
    transfers: count,
    wallet: { p50: percentile(walletMs, 0.5), p99: percentile(walletMs, 0.99) },
    notification: { p50: percentile(noticeMs, 0.5), p99: percentile(noticeMs, 0.99) },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await import('reflect-metadata');
  const { startTestPlatform } = await import('@etika/platform/testing');
  const { seedTenant } = await import('./fixtures.ts');
  const count = Number(process.env['BENCH_TRANSFERS'] ?? 50);
  const platform = await startTestPlatform();
  try {
    const tenant = await seedTenant(platform.gatewayUrl, 2);
    const [sender, recipient] = tenant.members as [Member, Member];
    const tokenId = dataOrThrow(await graphql<{ defineToken: { id: string } }>(platform.gatewayUrl, 'mutation { defineToken(input: { name: "Live", symbol: "LIV", decimals: 0 }) { id } }', {}, bearer(tenant.ownerToken))).defineToken.id;
    dataOrThrow(await graphql(platform.gatewayUrl, 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId, amount: '1000000', toUserId: sender.userId, idempotencyKey: randomUUID() } }, bearer(tenant.ownerToken)));
    const r = await benchLive(platform.gatewayUrl, tokenId, sender, recipient, count);
    process.stdout.write(`transfer to live update, ${r.transfers} transfers one at a time: walletChanged p50 ${r.wallet.p50.toFixed(0)} ms, p99 ${r.wallet.p99.toFixed(0)} ms; notificationAdded p50 ${r.notification.p50.toFixed(0)} ms, p99 ${r.notification.p99.toFixed(0)} ms\n`);
  } finally {
    await platform.close();
  }
}
