/**
 * `npm run bench`: ledger throughput and latency on real PostgreSQL, directly against the token subgraph and
 * through the gateway, beside pgbench's TPC-B on the same server, purchases from quote to tokens (sandbox), the time
 * from a transfer to its live updates, and chain proof times at 1K and 1M leaves.
 * Needs DATABASE_URL (a role that may create databases); writes its own section of docs/benchmarks.md.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import postgres from 'postgres';
import { generateKeyPairs, keysFor, openDatabase } from '@etika/kit';
import { PRINCIPAL_HEADER, SUPERGRAPH_PATH } from '@etika/schema';
import { SIGNING_SERVICES, bearer, dataOrThrow, freePort, graphql, startPlatform } from '@etika/platform';
import { principalTokenFor } from '@etika/platform/testing';
import { seedTenant } from './fixtures.ts';
import { waitForDownstream } from './downstream.ts';
import { benchLedgerSql, type LedgerSqlCeiling } from './ledger-sql.ts';
import { benchLive } from './live.ts';
import { runGraphQLLoad, type GraphQLLoad, type LoadResult } from './load.ts';
import { benchProofs } from './proofs.ts';
import { benchPurchases } from './purchases.ts';
import { benchWebhooks } from './webhooks.ts';

const serverUrl = process.env['DATABASE_URL'];
if (!serverUrl) {
  process.stderr.write('npm run bench needs DATABASE_URL (real PostgreSQL)\n');
  process.exit(1);
}
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const CLIENTS = (process.env['BENCH_CLIENTS'] ?? '1,16,64').split(',').map(Number);
/**
 * BENCH_ONLY=ledger measures the transfers and pgbench alone and prints them, leaving docs/benchmarks.md as it is:
 * a quick measurement while working on the ledger, not a result to publish.
 */
const LEDGER_ONLY = process.env['BENCH_ONLY'] === 'ledger';
/**
 * BENCH_TARGETS=direct measures the token subgraph alone (no gateway rows), so that a `--cpu-prof` profile of the
 * run holds the subgraph's work and the load generator's, not the gateway's.
 */
const TARGETS = (process.env['BENCH_TARGETS'] ?? 'direct,gateway').split(',');
/**
 * BENCH_PROFILE=<dir> writes a CPU profile of this process (the platform runs in it) for each measured
 * configuration, covering the load alone: start-up, seeding and pgbench are left out.
 */
const PROFILE_DIR = process.env['BENCH_PROFILE'];

const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
async function freshDatabase(): Promise<string> {
  const name = `etika_bench_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

function pgbench(url: string): number {
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
  const db = u.pathname.slice(1);
  execFileSync('pgbench', [...args, '-i', '-q', '-s', '10', db], { env, stdio: 'ignore' });
  const out = execFileSync('pgbench', [...args, '-n', '-c', '16', '-j', '2', '-T', String(SECONDS), db], { env }).toString();
  return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);
}

const ledgerUrl = await freshDatabase();
// the gateway's port is known before it starts, so the sandbox can deliver its webhooks to it
const gatewayPort = await freePort();
const keys = await generateKeyPairs(SIGNING_SERVICES);
const platform = await startPlatform({
  keys: async (service, needs) => keysFor(keys, service, needs),
  openDatabase: () => openDatabase({ url: ledgerUrl, maxConnections: 20 }),
  supergraphPath: SUPERGRAPH_PATH,
  gatewayPort,
  freePorts: true,
  logLevel: 'silent',
  settings: {
    CHECKPOINT_INTERVAL_MS: 1_000,
    SIGN_UP_LIMIT_PER_ADDRESS: 100_000,
    INVITATIONS_PER_INVITER_PER_HOUR: 100_000,
    PAYMENT_WEBHOOK_URL: `http://127.0.0.1:${gatewayPort}/webhooks/payments/sandbox`,
  },
});

// 64 senders, each with its own wallet, so the load measures the ledger rather than one hot row
const tenant = await seedTenant(platform.gatewayUrl, 64);
const token = dataOrThrow(await graphql<{ defineToken: { id: string } }>(platform.gatewayUrl, 'mutation { defineToken(input: { name: "Bench", symbol: "BEN", decimals: 0 }) { id } }', {}, bearer(tenant.ownerToken))).defineToken.id;
for (const member of tenant.members) {
  dataOrThrow(await graphql(platform.gatewayUrl, 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId: token, amount: '1000000000', toUserId: member.userId, idempotencyKey: randomUUID() } }, bearer(tenant.ownerToken)));
}
// what the gateway would sign for each member's current access token, to call the token subgraph directly
// minted for each configuration: they are short-lived, and the waits for downstream outlast them
const principalTokens = () => Promise.all(tenant.members.map((m) => principalTokenFor({ ...platform, keys }, tenant, m.userId, 'member')));
const TRANSFER = 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }';
const transfers = (direct: boolean, principals: readonly string[]): GraphQLLoad => ({
  url: direct ? platform.subgraphUrls['token']! : platform.gatewayUrl,
  query: TRANSFER,
  senders: tenant.members.map((from, i) => ({
    headers: direct ? { [PRINCIPAL_HEADER]: principals[i]! } : bearer(from.token),
    input: { tokenId: token, amount: '1', toUserId: tenant.members[(i + 1) % tenant.members.length]!.userId },
  })),
});

async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(`${PROFILE_DIR}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

const rows: { target: string; result: LoadResult; drainMs: number }[] = [];
const ledgerDb = platform.databases['token'].db;
// each configuration starts with nothing left downstream, and waits for what its own transfers set going
await waitForDownstream(ledgerDb);
const measure = async (target: string, name: string, direct: boolean, clients: number) => {
  const load = transfers(direct, direct ? await principalTokens() : []);
  const result = await profiled(name, () => runGraphQLLoad(clients, SECONDS, load));
  if (result.ok === 0) throw new Error(`${target}, ${clients} clients: every transfer failed`);
  rows.push({ target, result, drainMs: await waitForDownstream(ledgerDb) });
};
for (const clients of CLIENTS) {
  if (TARGETS.includes('direct')) await measure('token subgraph (direct)', `direct-${clients}`, true, clients);
  if (TARGETS.includes('gateway')) await measure('through the gateway', `gateway-${clients}`, false, clients);
}
const fmt = (n: number, d = 1) => n.toFixed(d);
/** Transfers over the load's time plus the wait for chain, notification and analytics to have handled them all. */
const sustained = (r: LoadResult, drainMs: number) => r.ok / (r.ok / r.perSecond + drainMs / 1000);
const table = rows.map(({ target, result: r, drainMs }) => `| ${target} | ${r.clients} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.failed} | ${fmt(drainMs / 1000)} | ${fmt(sustained(r, drainMs))} |`).join('\n');
const HEADER = '| target | clients | transfers/s | p50 ms | p99 ms | failed | downstream done after s | with downstream, transfers/s |\n|---|---:|---:|---:|---:|---:|---:|---:|';
const ledgerSql = (): Promise<LedgerSqlCeiling> =>
  benchLedgerSql(ledgerUrl, { orgId: tenant.orgId, tokenId: token, memberIds: tenant.members.map((m) => m.userId) }, SECONDS, Math.max(...CLIENTS));
const sqlLine = (c: LedgerSqlCeiling, tps: number) =>
  `The ledger's SQL alone (pgbench driving \`token.commit_batch\` on the same database, members and pattern; no HTTP, GraphQL or Node): ` +
  `one transfer per statement at ${c.single.clients} clients **${fmt(c.single.perSecond)} transfers/s** (${fmt(c.single.perSecond / tps, 2)}× TPC-B); ` +
  `batches of ${c.batched.batch} from ${c.batched.clients} clients, as group commit sends them, **${fmt(c.batched.perSecond)} transfers/s** (${fmt(c.batched.perSecond / tps, 2)}× TPC-B).`;
if (LEDGER_ONLY) {
  await platform.close();
  const ceiling = await ledgerSql();
  const tps = pgbench(await freshDatabase());
  await admin.end();
  process.stdout.write(`${HEADER}\n${table}\n\npgbench TPC-B: ${fmt(tps)} tps\n${sqlLine(ceiling, tps)}\n`);
  process.exit(0);
}
const purchases = await benchPurchases(platform, tenant.orgId, tenant.ownerToken, token, tenant.members, 16, SECONDS);
const live = await benchLive(platform.gatewayUrl, token, tenant.members[0]!, tenant.members[1]!, 50);
await platform.close();

const ceiling = await ledgerSql();
const tpcb = pgbench(await freshDatabase());
const proofDb = await openDatabase({ url: await freshDatabase(), maxConnections: 2 });
const proofs = await benchProofs(proofDb, 1_000_000, [1_000, 1_000_000]);
await proofDb.close();
const webhookDb = await openDatabase({ url: await freshDatabase(), maxConnections: 10 });
const webhooks = await benchWebhooks(webhookDb, 2_000);
await webhookDb.close();

const [version] = await admin.unsafe('show server_version');
const serverVersion = String((version as unknown as { server_version: string }).server_version);
await admin.end();
const best = Math.max(...rows.filter((r) => r.target.startsWith('token')).map((r) => r.result.perSecond));
const md = `<!-- ledger:start -->
Command: \`DATABASE_URL=postgres://… npm run bench\` (BENCH_SECONDS=${SECONDS} per configuration). Run on
${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (load generator, gateway, every subgraph and PostgreSQL share them),
PostgreSQL ${serverVersion}.

## Ledger: transfers (one double-entry transaction each, with idempotency key, outbox event, membership check)

Each client is a different member sending 1 token to the next, closed loop, no think time. After each configuration
the bench waits until chain, notification and analytics have handled every transfer's event ("downstream done
after"); the last column counts the transfers over the load's time and that wait together.

${HEADER}
${table}

pgbench TPC-B (scale 10, 16 clients, 2 threads, ${SECONDS} s) on the same server: **${fmt(tpcb)} tps**.
Best ledger rate / pgbench: **${fmt(best / tpcb, 2)}** (goal: ≥ 0.5).

${sqlLine(ceiling, tpcb)}

## Purchases: quote to tokens in the wallet (sandbox provider, through the gateway)

Each client is a member who asks a quote, creates the payment and confirms it with the sandbox method that succeeds;
token issues the tokens when it consumes \`payment.succeeded\`. Latency is from the quote to the issuance, as the two
databases recorded them (nobody polls); the rate counts purchases in the wallet until the last one arrived. 16 clients,
**${fmt(purchases.perSecond)} purchases/s**, p50 ${fmt(purchases.p50, 0)} ms, p99 ${fmt(purchases.p99, 0)} ms, ${purchases.failed} failed.

## Live updates: from a transfer to the recipient's streams (SSE through the gateway)

The recipient holds a \`walletChanged\` and a \`notificationAdded\` stream (graphql-sse's client); a member sends them 1
token ${live.transfers} times, one after another. From sending the mutation to the stream's delivery: walletChanged
(the wallet resolved as the recipient) p50 **${fmt(live.wallet.p50, 0)} ms**, p99 ${fmt(live.wallet.p99, 0)} ms; notificationAdded
p50 **${fmt(live.notification.p50, 0)} ms**, p99 ${fmt(live.notification.p99, 0)} ms. The outbox relays' polling (every 500 ms) dominates.

## Chain: inclusion proof generation (database reads included)

| tree size | mean ms | p99 ms |
|---:|---:|---:|
${proofs.map((p) => `| ${p.size.toLocaleString('en')} | ${fmt(p.meanMs, 2)} | ${fmt(p.p99Ms, 2)} |`).join('\n')}

1M / 1K mean: **${fmt(proofs[1]!.meanMs / proofs[0]!.meanMs, 2)}×** (goal: ≤ 3×).

## Outgoing webhooks: deliveries to a receiver on this machine

${webhooks.deliveries} committed transactions to one endpoint, delivered by the notification subgraph's sender (signed,
each attempt written before it leaves, 50 at a time): **${fmt(webhooks.perSecond)} deliveries/s**; one attempt p50
${fmt(webhooks.p50Ms, 0)} ms, p99 ${fmt(webhooks.p99Ms, 0)} ms.
`;
const docs = new URL('../docs/benchmarks.md', import.meta.url);
const current = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
const section = `${md.trimEnd()}\n<!-- ledger:end -->\n`;
const marked = /<!-- ledger:start -->[\s\S]*<!-- ledger:end -->\n?/;
// Only this bench's own section is rewritten: the gateway and analytics benches keep theirs.
writeFileSync(docs, marked.test(current) ? current.replace(marked, section) : current.replace(/^# Benchmarks\n+/, `# Benchmarks\n\n${section}\n`));
process.stdout.write(md);
