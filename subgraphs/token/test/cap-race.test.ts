import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Tx } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';

const onPostgres = Boolean(process.env['DATABASE_URL']);
const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id } }`;
const SUPPLY = '{ tokens { id circulatingSupply } }';

let p: SubgraphTest;
let t: Tenant;

beforeAll(async () => {
  if (!onPostgres) return;
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'cap-race');
});
afterAll(() => p?.close());

async function moved(op: string, who: Tenant['as'][keyof Tenant['as']], tokenId: string, amount: string, toUserId?: string): Promise<string> {
  return dataOrThrow(await p.execute<Record<string, { id: string }>>(MOVE(op), { input: { tokenId, amount, toUserId, idempotencyKey: randomUUID() } }, who))[op]!.id;
}

async function supplyOf(tokenId: string): Promise<bigint> {
  const r = dataOrThrow(await p.execute<{ tokens: { id: string; circulatingSupply: string }[] }>(SUPPLY, {}, t.as.auditor));
  return BigInt(r.tokens.find((x) => x.id === tokenId)?.circulatingSupply ?? '0');
}

/** A backend of the test's database waiting on a row lock inside the ledger's batch statement. */
async function ledgerWaitsOnLock(): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(p.database.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%commit_batch%'`);
  return (rows[0]?.n ?? 0) > 0;
}

describe.skipIf(!onPostgres)('the supply cap against a transaction committed while the ledger waited (skipped on PGlite, which has one connection)', () => {
  it('an issuance that waited for the token’s row counts the supply the holder of that row committed', async () => {
    const defined = await p.execute<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Race points', symbol: 'RACE', decimals: 0, maxSupply: '100' } }, t.as.owner);
    const tokenId = dataOrThrow(defined).defineToken.id;
    await moved('issueTokens', t.as.admin, tokenId, '90', t.userIds.member);
    // the auditor's wallet exists already, so the issuance below inserts no account (whose foreign key would wait first)
    await moved('issueTokens', t.as.admin, tokenId, '10', t.userIds.auditor);
    const redemption = await moved('redeemTokens', t.as.member, tokenId, '60');
    expect(await supplyOf(tokenId)).toBe(40n);

    let answer: ReturnType<typeof p.execute> | undefined;
    await p.database.db.transaction(async (raw) => {
      const tx = raw as unknown as Tx;
      await tx.execute(sql`select set_config('app.org_id', ${t.orgId}, true)`);
      // reversing the redemption (redemption and member accounts) takes supply back to 100 and holds the token's row
      await tx.execute(sql`select token.commit_transaction(${t.orgId}::uuid, ${t.userIds.owner}::uuid, ${randomUUID()}, 'race', 'reversal', 'test', null, ${redemption}::uuid, null, '{}'::uuid[], null)`);
      // an issuance through other accounts (issuance and auditor): only the token's row makes it wait
      answer = p.execute(MOVE('issueTokens'), { input: { tokenId, amount: '10', toUserId: t.userIds.auditor, idempotencyKey: randomUUID() } }, t.as.admin);
      const until = Date.now() + 10_000;
      while (!(await ledgerWaitsOnLock())) {
        if (Date.now() > until) throw new Error('the issuance never waited on the token’s row');
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    const r = await answer!;
    expect(r.errors?.[0]?.extensions?.['code']).toBe('SUPPLY_CAP_EXCEEDED');
    expect(await supplyOf(tokenId)).toBe(100n);
  }, 30_000);
});
