import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Tx } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';
import { walletOf } from './fixtures.ts';

const onPostgres = Boolean(process.env['DATABASE_URL']);
const TRANSFER = 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }';

let p: SubgraphTest;
let t: Tenant;
let tokenId: string;

beforeAll(async () => {
  if (!onPostgres) return;
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'conflicts');
  const defined = await p.execute<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Deadlock points', symbol: 'DLK', decimals: 0 } }, t.as.owner);
  tokenId = dataOrThrow(defined).defineToken.id;
  const issue = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
  for (const to of [t.userIds.member, t.userIds.admin]) dataOrThrow(await p.execute(issue, { input: { tokenId, amount: '100', toUserId: to, idempotencyKey: randomUUID() } }, t.as.owner));
});
afterAll(() => p?.close());

/** Reads and locks as the test's organisation: row-level security applies to the platform's role (CI). */
async function asTenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return p.database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${t.orgId}, true)`);
    return fn(tx as unknown as Tx);
  });
}

/** A backend of the test's database waiting on a row lock (the service's transfer, blocked by the test). */
async function waitingOnLock(): Promise<boolean> {
  // the transfer is one statement, the ledger's batch function; its lock waits are on the accounts it moves
  const rows = await queryRows<{ n: number }>(p.database.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%commit_batch%'`);
  return (rows[0]?.n ?? 0) > 0;
}

describe.skipIf(!onPostgres)('deadlocks on PostgreSQL are retried inside the service (skipped on PGlite, which has one connection)', () => {
  it('a transfer chosen as a deadlock victim is run again and answered as committed, once', async () => {
    const accounts = await asTenant((tx) => queryRows<{ id: string; owner_id: string }>(tx, sql`select id, owner_id from token.accounts where token_id = ${tokenId} and owner_type = 'member' order by owner_id`));
    // the ledger updates accounts in key order: the transfer takes the first, then waits for the second the test holds
    const [first, second] = accounts.map((a) => a.id) as [string, string];
    const [deadlocksBefore] = await queryRows<{ n: number }>(p.database.db, sql`select deadlocks::int as n from pg_stat_database where datname = current_database()`);
    let answer: Promise<Awaited<ReturnType<typeof p.execute>>> | undefined;
    await asTenant(async (tx) => {
      await tx.execute(sql`select 1 from token.accounts where id = ${second} for update`);
      const giver = accounts[0]!.owner_id === t.userIds.member ? t.as.member : t.as.admin;
      const receiver = accounts[0]!.owner_id === t.userIds.member ? t.userIds.admin : t.userIds.member;
      answer = p.execute(TRANSFER, { input: { tokenId, amount: '7', toUserId: receiver, idempotencyKey: randomUUID() } }, giver);
      const until = Date.now() + 10_000;
      while (!(await waitingOnLock())) {
        if (Date.now() > until) throw new Error('the transfer never waited on the row lock');
        await new Promise((r) => setTimeout(r, 20));
      }
      // the transfer has waited longer, so its deadlock check (after deadlock_timeout) runs first and rolls it back
      await tx.execute(sql`select 1 from token.accounts where id = ${first} for update`);
    });
    const r = await answer!;
    expect(r.errors).toBeUndefined();
    const [deadlocksAfter] = await queryRows<{ n: number }>(p.database.db, sql`select deadlocks::int as n from pg_stat_database where datname = current_database()`);
    expect(deadlocksAfter!.n).toBeGreaterThan(deadlocksBefore!.n);
    const moved = await asTenant((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from token.postings where token_id = ${tokenId} and amount = 7`));
    expect(moved[0]!.n).toBe(1);
    const amounts = await Promise.all([t.as.member, t.as.admin].map(async (who) => (await walletOf(p, who)).find((b) => b.token.id === tokenId)?.amount ?? '0'));
    expect(amounts.map(BigInt).reduce((a, b) => a + b, 0n)).toBe(200n);
    expect(amounts.sort()).toEqual(['107', '93']);
  }, 30_000);
});
