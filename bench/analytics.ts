/**
 * `npm run bench:analytics`: the analytics subgraph on real PostgreSQL. Events consumed per second (the consumer as
 * the bus calls it: contract check, inbox, rollups, one transaction each), and the dashboard's queries over one year
 * of daily periods for an organisation with one million transactions (p50, p99): read again (what was counted is
 * kept), read with nothing kept, read first after the background pass warmed the range, and read after a late event. Needs DATABASE_URL (a role that may create
 * databases); writes its own section of docs/benchmarks.md. BENCH_TRANSACTIONS and BENCH_MEMBERS shrink the data
 * for a quick check.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { createLogger, migrateSubgraph, openDatabase } from '@etika/kit';
import { analytics } from '@etika/analytics';
import { analyticsHandler } from '@etika/analytics/ingest';
import { SeriesService } from '@etika/analytics/series';
import { PostgresAnalyticsStore } from '@etika/analytics/store';
import { DashboardWarmer } from '@etika/analytics/warm';
import { userPrincipal } from '@etika/kit/testing';
import { EVENT_TYPES, type EventEnvelope } from '@etika/schema';

const serverUrl = process.env['DATABASE_URL'];
if (!serverUrl) {
  process.stderr.write('npm run bench:analytics needs DATABASE_URL (real PostgreSQL)\n');
  process.exit(1);
}
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 3_000);
const TRANSACTIONS = Number(process.env['BENCH_TRANSACTIONS'] ?? 1_000_000);
const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? 10_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 30);
/** Reads with nothing kept are slow by nature: fewer of them. */
const COLD_RUNS = Number(process.env['BENCH_COLD_RUNS'] ?? 5);

const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
const name = `etika_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString(), maxConnections: 16 });
await migrateSubgraph(database, 'analytics', analytics.migrations);
const db = database.db;
const store = new PostgresAnalyticsStore(db);
const handle = analyticsHandler(db, store, createLogger('bench', 'silent'));

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function transfer(orgId: string, tokenId: string, from: string, to: string, at: Date): EventEnvelope {
  const payload = {
    transactionId: randomUUID(),
    orgId,
    kind: 'transfer',
    reversesId: null,
    memo: null,
    createdAt: at.toISOString(),
    postings: [
      { accountId: randomUUID(), tokenId, ownerType: 'member', ownerId: from, amount: '-100' },
      { accountId: randomUUID(), tokenId, ownerType: 'member', ownerId: to, amount: '100' },
    ],
  };
  return { id: randomUUID(), type: EVENT_TYPES.tokenTransactionCommitted, orgId, occurredAt: payload.createdAt, payload };
}

/** Events through the consumer, `concurrency` at a time (as several consumers of one group would). */
async function consume(concurrency: number): Promise<number> {
  const orgId = randomUUID();
  const tokenId = randomUUID();
  const people = Array.from({ length: 200 }, () => randomUUID());
  const events = Array.from({ length: EVENTS }, (_, i) => transfer(orgId, tokenId, people[i % 200]!, people[(i * 7 + 1) % 200]!, new Date(Date.now() - i * 60_000)));
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < events.length) await handle(events[next++]!);
  }));
  return events.length / ((performance.now() - started) / 1000);
}

const consumed = { one: await consume(1), eight: await consume(8) };

// one year of what the consumer leaves for 1M transactions between 10,000 members: every 15-minute slot, each
// transaction's two members active in its slot, and each member's balance changes, written in bulk. The year is
// last year, closed, as a dashboard over a past year reads it.
const orgId = randomUUID();
const tokenId = randomUUID();
const YEAR = new Date().getUTCFullYear() - 1;
const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
const start = Date.parse(`${YEAR}-01-01T00:00:00Z`);
const slots = 365 * 96;
const perSlot = Math.ceil(TRANSACTIONS / slots);
const seedStarted = performance.now();
const sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
// one connection in the organisation's scope: row-level security is forced, even for the tables' owner
await sql`select set_config('app.org_id', ${orgId}, false)`;
await sql.unsafe(`
  insert into analytics.token_slots (org_id, token_id, slot, issued, sold, transferred, redeemed, reversed, refunded, supply_delta, transactions)
  select '${orgId}', '${tokenId}', to_timestamp(${start / 1000}) + (s * interval '15 minutes'),
         case when s % 96 = 0 then 100000 else 0 end, 0, ${perSlot} * 100, 0, 0, 0, case when s % 96 = 0 then 100000 else 0 end, ${perSlot}
  from generate_series(0, ${slots - 1}) s`);
await sql.unsafe(`
  insert into analytics.balance_changes (org_id, token_id, user_id, transaction_id, at, delta)
  select '${orgId}', '${tokenId}', m.user_id, gen_random_uuid(), to_timestamp(${start / 1000}) + ((t / 2) * interval '1 second') * (365 * 86400.0 / ${TRANSACTIONS}), case when t % 2 = 0 then -100 else 100 end
  from generate_series(0, ${TRANSACTIONS * 2 - 1}) t
  join lateral (select ('00000000-0000-4000-8000-' || lpad(to_hex(t % ${MEMBERS}), 12, '0'))::uuid as user_id) m on true`);
await sql.unsafe(`
  insert into analytics.active_members (org_id, token_id, slot, user_id, prev_slot)
  select org_id, token_id, slot, user_id, lag(slot) over (partition by user_id order by slot)
  from (select distinct org_id, token_id, to_timestamp(floor(extract(epoch from at) / 900) * 900) as slot, user_id from analytics.balance_changes where org_id = '${orgId}') s`);
await sql.unsafe(`
  insert into analytics.holdings (org_id, token_id, user_id, balance)
  select org_id, token_id, user_id, 1000 + (abs(hashtext(user_id::text)) % 100000) from analytics.balance_changes where org_id = '${orgId}' group by 1, 2, 3`);
await sql.unsafe('vacuum (analyze) analytics.token_slots, analytics.balance_changes, analytics.active_members, analytics.holdings');
const seedSeconds = (performance.now() - seedStarted) / 1000;
const activeRows = (await sql<{ n: number }[]>`select count(*)::int as n from analytics.active_members`)[0]!.n;

const principal = userPrincipal('00000000-0000-4000-8000-000000000001', orgId, 'auditor');
const series = new SeriesService(store);
async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
}
const range = (granularity: 'day' | 'week' | 'month') => ({ ...year, granularity, timeZone: 'Europe/Paris' });
const queries = [
  ['dashboard: year by day + top holders, in parallel (what the page asks)', () => Promise.all([series.tokenReport(principal, tokenId, range('day')), series.holders(principal, tokenId, 10)])],
  ['tokenAnalytics, 365 days', () => series.tokenReport(principal, tokenId, range('day'))],
  ['tokenAnalytics, 53 weeks', () => series.tokenReport(principal, tokenId, range('week'))],
  ['tokenAnalytics, 12 months', () => series.tokenReport(principal, tokenId, range('month'))],
  [`tokenHolders (${MEMBERS.toLocaleString('en-GB')} holders)`, () => series.holders(principal, tokenId, 10)],
  ['myBalanceHistory, 365 days', () => series.myBalance(principal, tokenId, range('day'))],
] as const;
const timings: { name: string; p50: number; p99: number }[] = [];
for (const [label, fn] of queries) timings.push({ name: label, ...(await time(fn)) });

const dashboard = queries[0][1];
async function timeEach(runs: number, before: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    const t = performance.now();
    await dashboard();
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
}
// nothing kept: every count read from the activity rows (the first read of a range, or of a zone, ever)
timings.push({ name: 'dashboard, nothing kept yet (first read of that range and zone)', ...(await timeEach(COLD_RUNS, () => sql`delete from analytics.active_spans`)) });
// the background pass warms the range first (nothing kept before it), as it does for the page's default range in
// its readers' zones; the pass is timed apart: it runs off the request path
const warmer = new DashboardWarmer(db, createLogger('bench', 'silent'), { everyMs: 0, ranges: () => [range('day')] });
const passMs: number[] = [];
timings.push({
  name: 'dashboard, first opening after the background pass',
  ...(await timeEach(COLD_RUNS, async () => {
    await sql`delete from analytics.active_spans`;
    warmer.touch(orgId, tokenId);
    const t = performance.now();
    await warmer.runOnce();
    passMs.push(performance.now() - t);
  })),
});
await warmer.close();
// a transfer that arrives a day late, through the consumer: its day and the range's counts from it are read again
const lateDay = Date.parse(`${YEAR}-12-30T12:00:00Z`);
const people = Array.from({ length: 2 }, () => randomUUID());
timings.push({ name: 'dashboard after a late event in the last day but one (consumed first, not timed)', ...(await timeEach(Math.min(RUNS, 10), () => handle(transfer(orgId, tokenId, people[0]!, people[1]!, new Date(lateDay))))) });
const kept = (await sql<{ n: number }[]>`select count(*)::int as n from analytics.active_spans`)[0]!.n;

const version = (await sql<{ version: string }[]>`select version()`)[0]!.version;
await sql.end();
await database.close();
await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.end();

const section = `<!-- analytics:start -->
## Analytics: events consumed, and the dashboard over a year

Command: \`DATABASE_URL=postgres://… npm run bench:analytics\` (BENCH_EVENTS=${EVENTS}, BENCH_RUNS=${RUNS}, BENCH_COLD_RUNS=${COLD_RUNS}, BENCH_TRANSACTIONS=${TRANSACTIONS}, BENCH_MEMBERS=${MEMBERS}). Run on
${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores shared with PostgreSQL, ${version.split(' on ')[0]}.

Events consumed (\`token.transaction.committed\`, a transfer between two members: contract check, inbox, four
rollups, each member's previous activity under a lock of their own, the kept counts its slot changes deleted, one transaction each): **${fmt(consumed.one)} events/s** one at a time, **${fmt(consumed.eight)} events/s** eight at a time.

Dashboard queries for one organisation with ${TRANSACTIONS.toLocaleString('en-GB')} transactions over ${YEAR} between
${MEMBERS.toLocaleString('en-GB')} members (${slots.toLocaleString('en-GB')} slots, ${activeRows.toLocaleString('en-GB')} active-member rows,
${(TRANSACTIONS * 2).toLocaleString('en-GB')} balance changes; rows written in bulk as the consumer would leave them, in ${fmt(seedSeconds, 0)} s), zone
Europe/Paris, ${RUNS} runs each after one warm-up. Active people are counted once per closed period and per range
prefix and kept (${kept.toLocaleString('en-GB')} kept spans after these reads); a read resumes from them. The last three rows: with nothing kept
(${COLD_RUNS} runs, the kept spans deleted before each), first opened after the background pass warmed the range from nothing
(${COLD_RUNS} runs; the pass itself, off the request path, took ${fmt(quantile(passMs, 0.5), 0)} ms p50 in steps of at most 31 periods under the token's
lock), and after a late event (each run consumes one first):

| query | p50 ms | p99 ms |
|---|---:|---:|
${timings.map((t) => `| ${t.name} | ${fmt(t.p50)} | ${fmt(t.p99)} |`).join('\n')}
<!-- analytics:end -->
`;
const path = new URL('../docs/benchmarks.md', import.meta.url);
const current = readFileSync(path, 'utf8');
const marked = /<!-- analytics:start -->[\s\S]*<!-- analytics:end -->\n?/;
writeFileSync(path, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}`);
process.stdout.write(section);
