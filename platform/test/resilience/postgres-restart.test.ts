import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token } from '@etika/token';
import { committedIds, ledgerViolations } from './invariants.ts';
import { sleep, TRANSFER, transferLoad, until } from './load.ts';
import { hasPostgres, startOwnPostgres, type OwnPostgres } from './servers.ts';

/** The port of this test's own cluster, which it stops and starts; no other test or engineer's server uses it. */
const PORT = 55492;

let pg: OwnPostgres;
let p: SubgraphTest;
let t: Tenant;
let tokenId: string;
let database: string;

beforeAll(async () => {
  if (!hasPostgres) return;
  pg = await startOwnPostgres(PORT);
  // the subgraphs' test databases are created on this cluster (this file runs in a process of its own)
  process.env['DATABASE_URL'] = pg.url;
  p = await startSubgraphTest(token, { peers: [org, identity] });
  database = (await queryRows<{ db: string }>(p.database.db, sql`select current_database() as db`))[0]!.db;
  t = await seedTenant(p, 'restart');
  const defined = await p.execute<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Restart points', symbol: 'RST', decimals: 0 } }, t.as.owner);
  tokenId = dataOrThrow(defined).defineToken.id;
  const issue = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
  for (const to of [t.userIds.member, t.userIds.admin]) dataOrThrow(await p.execute(issue, { input: { tokenId, amount: '1000000', toUserId: to, idempotencyKey: randomUUID() } }, t.as.owner));
}, 120_000);
afterAll(async () => {
  await p?.close();
  await pg?.close();
});

describe.skipIf(!hasPostgres)('PostgreSQL restarted during load (own cluster; skipped without PostgreSQL 15 binaries)', () => {
  it('clients get SERVICE_UNAVAILABLE while it is down, never a hang or SQL; token reconnects by itself; nothing is half-written', async () => {
    const people = [{ principal: t.as.member, userId: t.userIds.member }, { principal: t.as.admin, userId: t.userIds.admin }];
    const load = transferLoad((q, v, as) => p.execute(q, v, as), tokenId, people, 8);
    await until('transfers to commit', 20_000, () => load.attempts.some((a) => a.id));
    await sleep(500);
    const down = Date.now();
    await pg.stop();
    await sleep(2_000);
    await pg.start();
    const up = Date.now();
    await until('transfers to commit again without restarting the subgraph', 30_000, () => load.attempts.some((a) => a.id && a.at > up));
    await sleep(500);
    const attempts = await load.stop();

    const failed = attempts.filter((a) => !a.id);
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) {
      expect(a.code, a.message ?? '').toBe('SERVICE_UNAVAILABLE');
      expect(a.message).not.toMatch(/select|insert|update|127\.0\.0\.1|ECONN|terminat/i);
    }
    expect(failed.every((a) => a.at + a.ms >= down)).toBe(true);
    // no hangs: every answer, also while the server was down, came within the driver's connect timeout
    expect(Math.max(...attempts.map((a) => a.ms))).toBeLessThan(10_000);

    // a refused transfer asked again with its key either commits now or replays the commit whose answer was lost
    for (const a of failed) {
      const again = await p.execute<{ transferTokens: { id: string } }>(TRANSFER, { input: a.input }, a.from);
      expect(again.errors).toBeUndefined();
    }
    const answered = attempts.filter((a) => a.id).map((a) => a.id!);
    const ids = await committedIds(pg.adminUrl, database, t.orgId, 'transfer');
    expect(answered.filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.size).toBe(attempts.length);
    expect(await ledgerViolations(pg.adminUrl, database, t.orgId)).toEqual([]);
  }, 120_000);
});
