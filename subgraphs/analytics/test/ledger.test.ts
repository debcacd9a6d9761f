import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, queryRows, type Database } from '@etika/kit';
import { dataOrThrow, outboxEvents, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant, type TenantRole } from '@etika/org/testing';
import { token } from '@etika/token';
import type { EventEnvelope, Principal } from '@etika/schema';
import { analytics } from '../src/index.ts';
import { NUMBER_EVENTS, NUMBERS_CONSUMER } from '../src/ingest/ingest.consumer.ts';
import { eventually } from './helpers.ts';

/**
 * The real producers (identity, org, token) and their relays, on one bus with analytics: a random run of
 * issues, transfers, redeems and reversals, then analytics' numbers against the ledger's own sums, the audit
 * trail, and the numbers rebuilt from the producers' outboxes.
 */
let p: SubgraphTest;
let a: Tenant;
let b: Tenant;
let tokenId: string;
let range: { from: string; to: string; granularity: string; timeZone: string };

const PEOPLE: TenantRole[] = ['owner', 'admin', 'member'];
const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id } }`;
const REVERSE = 'mutation($id: ID!, $k: String!) { reverseTransaction(transactionId: $id, idempotencyKey: $k) { id } }';
const REPORT = `query($t: ID!, $r: AnalyticsRangeInput!) { tokenAnalytics(tokenId: $t, range: $r) {
  periods { start issued sold transferred redeemed reversed refunded transactions activeMembers circulatingSupply }
  totals { issued transferred redeemed reversed transactions activeMembers circulatingSupply } } }`;
const HOLDERS = 'query($t: ID!) { tokenHolders(tokenId: $t, top: 100) { holders circulatingSupply topDecileAmount top { user { id } balance } distribution { lowerBound holders } } }';
const MINE = 'query($t: ID!, $r: AnalyticsRangeInput!) { myBalanceHistory(tokenId: $t, range: $r) { points { start balance } } }';
const TRAIL = 'query($f: AuditTrailFilter, $first: Int, $after: String) { auditTrail(filter: $f, first: $first, after: $after) { entries { id subgraph actor action outcome errorCode requestId at } next } }';

type Entry = { id: string; subgraph: string; actor: string; action: string; outcome: string; errorCode: string | null; at: string };
type Totals = Record<string, string | number>;

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ledger's own sums, read in the organisation's scope as token reads its ledger. */
async function ledgerSums(database: Database, orgId: string): Promise<Totals> {
  const [row] = await inTenant(database.db, { orgId, userId: null }, (tx) =>
    queryRows<Record<string, string | number>>(
      tx,
      sql`select
      coalesce(sum(-p.amount) filter (where a.owner_type = 'issuance' and t.kind in ('issue', 'batch')), 0)::text as issued,
      coalesce(sum(p.amount) filter (where a.owner_type = 'redemption' and t.kind in ('redeem', 'batch')), 0)::text as redeemed,
      coalesce(sum(p.amount) filter (where a.owner_type = 'member' and p.amount > 0 and t.kind = 'transfer'), 0)::text as transferred,
      coalesce(sum(p.amount) filter (where p.amount > 0 and t.kind = 'reversal'), 0)::text as reversed,
      count(distinct t.id)::int as transactions,
      count(distinct a.owner_id) filter (where a.owner_type = 'member')::int as "activeMembers",
      (select coalesce(sum(balance), 0)::text from token.accounts where org_id = ${orgId}::uuid and owner_type = 'member') as "circulatingSupply"
    from token.postings p join token.transactions t on t.id = p.transaction_id join token.accounts a on a.id = p.account_id
    where p.org_id = ${orgId}::uuid`,
    ),
  );
  return row!;
}

async function memberBalances(database: Database, orgId: string): Promise<{ user: { id: string }; balance: string }[]> {
  const rows = await inTenant(database.db, { orgId, userId: null }, (tx) =>
    queryRows<{ owner_id: string; balance: string }>(
      tx,
      sql`select a.owner_id, a.balance::text as balance from token.accounts a where a.org_id = ${orgId}::uuid and a.owner_type = 'member' and a.balance > 0 order by a.balance desc, a.owner_id`,
    ),
  );
  return rows.map((r) => ({ user: { id: r.owner_id }, balance: r.balance }));
}

async function trail(who: Principal, filter: Record<string, unknown> = {}): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | null = null;
  do {
    const page: { auditTrail: { entries: Entry[]; next: string | null } } = dataOrThrow(await p.execute(TRAIL, { f: filter, first: 7, after }, who));
    entries.push(...page.auditTrail.entries);
    after = page.auditTrail.next;
  } while (after);
  return entries;
}

async function snapshot() {
  const people = PEOPLE.map((r) => a.as[r]);
  return {
    report: dataOrThrow(await p.execute(REPORT, { t: tokenId, r: range }, a.as.auditor)),
    hourly: dataOrThrow(await p.execute(REPORT, { t: tokenId, r: { ...range, timeZone: 'Asia/Kathmandu' } }, a.as.auditor)),
    holders: dataOrThrow(await p.execute(HOLDERS, { t: tokenId }, a.as.auditor)),
    mine: await Promise.all(people.map(async (who) => dataOrThrow(await p.execute(MINE, { t: tokenId, r: range }, who)))),
  };
}

const analyticsInbox = async () =>
  Number((await queryRows<{ n: number }>(p.database.db, sql`select count(*)::int as n from analytics.inbox where consumer = ${NUMBERS_CONSUMER}`))[0]?.n ?? 0);

/** What the producers published and keep in their outboxes (read as their relays read them). */
async function published(schema: string, orgId: string): Promise<EventEnvelope[]> {
  const events = await outboxEvents(p.subgraph(schema).database.db, schema, sql`org_id = ${orgId}::uuid`);
  // the relay marks what it published and keeps it
  expect(events.filter((e) => e.type !== 'audit.recorded' && e.publishedAt === null)).toEqual([]);
  return events.map(({ publishedAt: _, ...event }) => event);
}

/** Every refused mutation of the run: `action:code`. */
const refusals: string[] = [];
beforeAll(async () => {
  p = await startSubgraphTest(analytics, { peers: [token, org, identity] });
  a = await seedTenant(p, 'analytics');
  b = await seedTenant(p, 'other');
  const tk = p.subgraph('token');
  const define = 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }';
  tokenId = dataOrThrow(await tk.execute<{ defineToken: { id: string } }>(define, { input: { name: 'Points', symbol: 'PTS', decimals: 2, maxSupply: null } }, a.as.owner)).defineToken.id;
  dataOrThrow(await tk.execute(define, { input: { name: 'Points', symbol: 'PTS', decimals: 2, maxSupply: null } }, b.as.owner));
  const next = random(20261201);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const done: string[] = [];
  for (let i = 0; i < 30; i++) {
    const roll = next();
    const input = (amount: number, to?: TenantRole) => ({ input: { tokenId, idempotencyKey: randomUUID(), amount: String(amount), toUserId: to ? a.userIds[to] : undefined } });
    let r;
    if (roll < 0.35 || done.length === 0) r = await tk.execute<Record<string, { id: string }>>(MOVE('issueTokens'), input(1 + Math.floor(next() * 900), pick(PEOPLE)), a.as.admin);
    else if (roll < 0.7) {
      const [from, to] = [pick(PEOPLE), pick(PEOPLE.filter((x) => x !== 'member'))];
      r = await tk.execute<Record<string, { id: string }>>(MOVE('transferTokens'), input(1 + Math.floor(next() * 400), from === to ? 'member' : to), a.as[from]);
    } else if (roll < 0.85) r = await tk.execute<Record<string, { id: string }>>(MOVE('redeemTokens'), input(1 + Math.floor(next() * 100)), a.as[pick(PEOPLE)]);
    else r = await tk.execute<Record<string, { id: string }>>(REVERSE, { id: pick(done), k: randomUUID() }, a.as.owner);
    const error = r.errors?.[0];
    if (error) refusals.push(`${String(error.path?.[0])}:${String(error.extensions?.code)}`);
    const id = r.data ? Object.values(r.data)[0]?.id : undefined;
    if (id) done.push(id);
  }
  // an overdraft for certain: a failed mutation whose record must survive its rolled-back transaction
  const refused = await tk.execute(MOVE('transferTokens'), { input: { tokenId, idempotencyKey: randomUUID(), amount: '999999999', toUserId: a.userIds.owner } }, a.as.member);
  expect(refused.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_BALANCE');
  refusals.push('transferTokens:INSUFFICIENT_BALANCE');
  const today = new Date().toISOString().slice(0, 10);
  const day = (offset: number) => new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
  range = { from: day(-1), to: day(1), granularity: 'DAY', timeZone: 'UTC' };
  const expected = (await ledgerSums(tk.database, a.orgId))['transactions'];
  await eventually(async () => (dataOrThrow(await p.execute<{ tokenAnalytics: { totals: Totals } }>(REPORT, { t: tokenId, r: range }, a.as.auditor))).tokenAnalytics.totals['transactions'] === expected, 'every transaction to be counted');
  await eventually(async () => (await trail(a.as.auditor, { outcome: 'FAILURE' })).length >= refusals.length, 'the failures to reach the trail');
}, 180_000);
afterAll(() => p?.close());

describe('numbers against the ledger', () => {
  it("equal the ledger's own sums after a random run", async () => {
    const sums = await ledgerSums(p.subgraph('token').database, a.orgId);
    const r = dataOrThrow(await p.execute<{ tokenAnalytics: { totals: Totals } }>(REPORT, { t: tokenId, r: range }, a.as.auditor));
    expect(r.tokenAnalytics.totals).toEqual(sums);
    const supply = dataOrThrow(await p.subgraph('token').execute<{ tokens: { id: string; circulatingSupply: string }[] }>('{ tokens { id circulatingSupply } }', {}, a.as.auditor));
    expect(supply.tokens.find((x) => x.id === tokenId)?.circulatingSupply).toBe(sums['circulatingSupply']);
    const holders = dataOrThrow(await p.execute<{ tokenHolders: { top: unknown[]; holders: number } }>(HOLDERS, { t: tokenId }, a.as.auditor)).tokenHolders;
    expect(holders.top).toEqual(await memberBalances(p.subgraph('token').database, a.orgId));
    expect(holders.holders).toBe(holders.top.length);
  });

  it("gives each member their own balance, the ledger's", async () => {
    const balances = new Map((await memberBalances(p.subgraph('token').database, a.orgId)).map((m) => [m.user.id, m.balance]));
    for (const role of PEOPLE) {
      const mine = dataOrThrow(await p.execute<{ myBalanceHistory: { points: { balance: string }[] } }>(MINE, { t: tokenId, r: range }, a.as[role])).myBalanceHistory.points;
      expect(mine.at(-1)?.balance).toBe(balances.get(a.userIds[role]) ?? '0');
    }
  });
});

describe('the audit trail', () => {
  it("holds every subgraph's audited mutations of the organisation, failures included, for its auditor", async () => {
    const entries = await trail(a.as.auditor);
    const actions = new Set(entries.map((e) => `${e.subgraph}:${e.action}`));
    expect(actions).toContain('token:defineToken');
    expect(actions).toContain('token:issueTokens');
    expect(actions).toContain('org:inviteMember');
    const failures = entries.filter((e) => e.outcome === 'FAILURE');
    expect(failures.map((e) => `${e.action}:${e.errorCode}`).sort()).toEqual([...refusals].sort());
    expect(failures.some((e) => e.actor === `user:${a.userIds.member}` && e.action === 'transferTokens')).toBe(true);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const at = entries.map((e) => e.at);
    expect([...at].sort().reverse()).toEqual(at);
  });

  it('filters by actor, action, outcome and period', async () => {
    const all = await trail(a.as.auditor);
    const byAdmin = await trail(a.as.auditor, { actor: `user:${a.userIds.admin}` });
    expect(byAdmin).toEqual(all.filter((e) => e.actor === `user:${a.userIds.admin}`));
    expect(await trail(a.as.auditor, { action: 'issueTokens', outcome: 'SUCCESS' })).toEqual(all.filter((e) => e.action === 'issueTokens' && e.outcome === 'SUCCESS'));
    const middle = all[Math.floor(all.length / 2)]!;
    expect(await trail(a.as.auditor, { to: middle.at })).toEqual(all.filter((e) => e.at < middle.at));
    expect(await trail(a.as.auditor, { from: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
    const backwards = await p.execute(TRAIL, { f: { from: middle.at, to: all.at(-1)!.at }, first: 5 }, a.as.auditor);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it("shows an auditor nothing of another organisation, and a member no trail or numbers", async () => {
    const ours = new Set((await trail(a.as.auditor)).map((e) => e.id));
    const theirs = await trail(b.as.auditor);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((e) => ours.has(e.id))).toEqual([]);
    expect(theirs.some((e) => Object.values(a.userIds).some((u) => e.actor === `user:${u}`))).toBe(false);
    const probe = dataOrThrow(await p.execute<{ tokenAnalytics: { totals: Totals } }>(REPORT, { t: tokenId, r: range }, b.as.auditor));
    expect(probe.tokenAnalytics.totals).toMatchObject({ issued: '0', transactions: 0 });
    for (const q of [[TRAIL, {}], [REPORT, { t: tokenId, r: range }], [HOLDERS, { t: tokenId }]] as const) {
      expect((await p.execute(q[0], q[1], a.as.member)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    }
  });

  it('is append-only, even for the database owner', async () => {
    // the owner, in the organisation's scope so the rows are there to change (with no scope, forced row-level
    // security would show it none, and an update of no rows refuses nothing)
    const refusal = (statement: ReturnType<typeof sql>) =>
      p.database.db
        .transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.org_id', ${a.orgId}, true)`);
          expect((await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from analytics.audit_trail`))[0]!.n).toBeGreaterThan(0);
          await tx.execute(statement);
        })
        .then(
          () => 'allowed',
          (err: unknown) => `${String(err)} ${String((err as { cause?: unknown }).cause)}`,
        );
    expect(await refusal(sql`update analytics.audit_trail set outcome = 'success'`)).toMatch(/append-only: UPDATE/);
    expect(await refusal(sql`delete from analytics.audit_trail`)).toMatch(/append-only: DELETE/);
    expect(await refusal(sql`truncate analytics.audit_trail`)).toMatch(/append-only: TRUNCATE/);
  });
});

describe('rebuilding the numbers', () => {
  it('from the producers’ published events gives the same numbers, whatever the order and with repeats', async () => {
    const before = await snapshot();
    await p.database.db.execute(sql`truncate analytics.token_slots, analytics.money_slots, analytics.active_members, analytics.membership_slots, analytics.holdings, analytics.balance_changes`);
    await p.database.db.execute(sql`delete from analytics.inbox where consumer = ${NUMBERS_CONSUMER}`);
    expect(dataOrThrow(await p.execute<{ tokenHolders: { holders: number } }>(HOLDERS, { t: tokenId }, a.as.auditor)).tokenHolders.holders).toBe(0);
    const producers = await Promise.all([a, b].flatMap((t) => ['token', 'org'].map((schema) => published(schema, t.orgId))));
    const events = producers.flat().filter((e) => (NUMBER_EVENTS as readonly string[]).includes(e.type));
    expect(events.length).toBeGreaterThan(20);
    const shuffled = [...events].sort(() => Math.random() - 0.5);
    await p.bus.publish([...shuffled, ...shuffled.slice(0, 5)]);
    await eventually(async () => (await analyticsInbox()) === events.length, 'the replay to be consumed');
    expect(await snapshot()).toEqual(before);
  });
});
