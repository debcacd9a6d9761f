import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, migrateSubgraph, type Database, type Db } from '@etika/kit';
import { createTestDatabase, outboxEvents, rowsInTenant, userPrincipal } from '@etika/kit/testing';
import { EVENT_PAYLOADS } from '@etika/schema';
import { token } from '../src/index.ts';
import { LedgerService, toEvent } from '../src/ledger/ledger.service.ts';
import type { MemberDirectory } from '../src/ledger/members.client.ts';

/**
 * The ledger's write path, below the API: a transfer is one statement to the database (counted with the driver's
 * query log), and what that statement does under concurrency keeps every guarantee of the ledger.
 */
let test: Awaited<ReturnType<typeof createTestDatabase>>;
let counted: Database;
let closeCounted: () => Promise<void>;
let statements = 0;
const orgId = randomUUID();
const [owner, alice, bob] = [randomUUID(), randomUUID(), randomUUID()];
const tokenId = randomUUID();
// whether a person may receive is org's answer, asked over HTTP elsewhere; here everyone may, and asks are counted
let asked = 0;
let epoch = 0;
const everyone: MemberDirectory = { epochOf: async () => epoch, ask: async () => ((asked += 1), true) };
let ledger: LedgerService;

const as = (userId: string, role: 'owner' | 'member' = 'member') => userPrincipal(userId, orgId, role);
const audited = new Set<string>();
const move = (kind: 'issue' | 'transfer', from: string, to: string, amount: string, idempotencyKey = randomUUID(), requestId: string | null = null) =>
  ledger.submit(
    as(from, kind === 'issue' ? 'owner' : 'member'),
    '',
    { kind, idempotencyKey, legs: [{ kind, tokenId, amount, toUserId: to }] },
    requestId ? { operation: 'transferTokens', requestId, recorded: () => audited.add(requestId) } : undefined,
  );

async function counting<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = statements;
  const result = await fn();
  return { result, statements: statements - before };
}

beforeAll(async () => {
  test = await createTestDatabase();
  await migrateSubgraph(test.database, 'token', token.migrations);
  const logger = { logQuery: () => void (statements += 1) };
  if (test.url) {
    const client = postgres(test.url, { max: 10, onnotice: () => undefined });
    counted = { db: drizzlePostgres({ client, logger }) as unknown as Db, driver: 'postgres', close: () => client.end() };
    closeCounted = () => counted.close();
  } else {
    // the test's PGlite, seen through a second drizzle that logs every statement it sends
    const client = (test.database.db as unknown as { $client: PGlite }).$client;
    counted = { db: drizzlePglite({ client, logger }) as unknown as Db, driver: 'pglite', close: async () => undefined };
    closeCounted = async () => undefined;
  }
  await inTenant(test.database.db, { orgId, userId: null }, (tx) =>
    tx.execute(sql`insert into token.tokens (id, org_id, name, symbol, decimals) values (${tokenId}::uuid, ${orgId}::uuid, 'Points', 'PTS', 0)`),
  );
  ledger = new LedgerService(counted.db, everyone, () => undefined);
});
afterAll(async () => {
  await closeCounted?.();
  await test?.close();
});

describe('one statement per ledger transaction', () => {
  it('issues and transfers in one statement each, the replay too, with postings, event and audit row written', async () => {
    await move('issue', owner, alice, '100');
    await move('issue', owner, bob, '1');
    expect(asked).toBe(2);
    const issued = await counting(() => move('issue', owner, alice, '100'));
    expect(issued.statements).toBe(1);
    await move('transfer', alice, bob, '100');
    const key = randomUUID();
    const requestId = randomUUID();
    const sent = await counting(() => move('transfer', alice, bob, '30', key, requestId));
    expect(sent.statements).toBe(1);
    expect(sent.result.postings.map((p) => [p.ownerId, p.amount])).toEqual([[alice, '-30'], [bob, '30']]);
    expect(audited.has(requestId)).toBe(true);
    const again = await counting(() => move('transfer', alice, bob, '30', key, randomUUID()));
    expect(again.statements).toBe(1);
    expect(again.result).toEqual(sent.result);
    const events = await outboxEvents(test.database.db, 'token', sql`payload->>'transactionId' = ${sent.result.transaction.id} or payload->>'requestId' = ${requestId}`);
    expect(events.map((e) => e.type)).toEqual(['token.transaction.committed', 'audit.recorded']);
    // the events the statement writes keep their contracts, the transaction's the same as the answer
    for (const e of events) expect(EVENT_PAYLOADS[e.type as keyof typeof EVENT_PAYLOADS].safeParse(e.payload).success).toBe(true);
    expect(events[0]!.payload).toEqual(toEvent(sent.result));
    const rows = await rowsInTenant<{ audits: number; balance: string }>(
      test.database.db,
      orgId,
      sql`select (select count(*)::int from token.audit_log where request_id = ${requestId} and outcome = 'success') as audits,
                 (select balance::text from token.accounts where owner_id = ${alice}::uuid) as balance`,
    );
    // the replay wrote nothing: one event, one audit row and its event, the balance moved once
    expect(rows[0]).toEqual({ audits: 1, balance: '70' });
    expect(asked).toBe(2);
  });

  it('the same key with another request is refused with IDEMPOTENCY_CONFLICT and changes nothing', async () => {
    const key = randomUUID();
    await move('transfer', alice, bob, '1', key);
    await expect(move('transfer', alice, bob, '2', key)).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_CONFLICT' } });
  });
});

describe('who may receive, known locally', () => {
  it('org is asked once per recipient, and again once the membership epoch has moved past what token knows', async () => {
    const carol = randomUUID();
    const before = asked;
    await move('transfer', alice, carol, '1');
    await move('transfer', alice, carol, '1');
    expect(asked - before).toBe(1);
    epoch = Date.now();
    const after = await counting(() => move('transfer', alice, carol, '1'));
    expect(asked - before).toBe(2);
    expect(after.statements).toBeGreaterThan(1);
    expect((await counting(() => move('transfer', alice, carol, '1'))).statements).toBe(1);
  });
});

describe('under concurrency', () => {
  it('50 concurrent transfers from one wallet never take it below zero; each success is one transaction', async () => {
    const wallet = randomUUID();
    await move('issue', owner, wallet, '100');
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => move('transfer', wallet, bob, '3')));
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { extensions?: { code?: string } });
    expect(done.length).toBe(33);
    expect(refused.every((e) => e.extensions?.code === 'INSUFFICIENT_BALANCE')).toBe(true);
    const [row] = await rowsInTenant<{ balance: string; postings: string }>(
      test.database.db,
      orgId,
      sql`select a.balance::text as balance, (select sum(p.amount)::text from token.postings p where p.account_id = a.id) as postings
          from token.accounts a where a.owner_id = ${wallet}::uuid`,
    );
    expect(row).toEqual({ balance: '1', postings: '1' });
  });

  it('transfers sent together share statements; one refused among them leaves the others committed', async () => {
    const wallets = Array.from({ length: 12 }, () => randomUUID());
    const poor = randomUUID();
    for (const w of wallets) await move('issue', owner, w, '5');
    await move('issue', owner, poor, '1');
    const sent = await counting(() => Promise.allSettled([...wallets.map((w) => move('transfer', w, bob, '5')), move('transfer', poor, bob, '2')]));
    // 13 transactions, fewer statements: those sent while earlier ones were being written went together
    expect(sent.statements).toBeLessThan(13);
    expect(sent.result.slice(0, 12).map((r) => r.status)).toEqual(Array(12).fill('fulfilled'));
    expect(sent.result[12]).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'INSUFFICIENT_BALANCE' } } });
    const rows = await rowsInTenant<{ owner_id: string; balance: string; postings: string; transactions: number }>(
      test.database.db,
      orgId,
      sql`select a.owner_id, a.balance::text as balance, (select sum(p.amount)::text from token.postings p where p.account_id = a.id) as postings,
                 (select count(*)::int from token.postings p where p.account_id = a.id) as transactions
          from token.accounts a where a.owner_id = any(${`{${[...wallets, poor].join(',')}}`}::uuid[])`,
    );
    const byOwner = new Map(rows.map((r) => [r.owner_id, r]));
    // each wallet moved exactly once (issued, then sent); the refused one kept its token and has its issuance only
    for (const w of wallets) expect(byOwner.get(w)).toEqual({ owner_id: w, balance: '0', postings: '0', transactions: 2 });
    expect(byOwner.get(poor)).toEqual({ owner_id: poor, balance: '1', postings: '1', transactions: 1 });
  });

  it('20 concurrent sends of one key commit once and all answer the same transaction', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => move('transfer', alice, bob, '5', key)));
    expect(new Set(results.map((r) => r.transaction.id)).size).toBe(1);
    const [row] = await rowsInTenant<{ n: number }>(test.database.db, orgId, sql`select count(*)::int as n from token.idempotency_keys where key = ${key}`);
    expect(row?.n).toBe(1);
  });
});
