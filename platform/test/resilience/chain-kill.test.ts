import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql, type SigningKeyPair } from '@etika/kit';
import { startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { chain } from '@etika/chain';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { PRINCIPAL_HEADER, type Principal } from '@etika/schema';
import { token } from '@etika/token';
import { graphql } from '../../src/client.ts';
import { startChild, type Child } from './children.ts';
import { chainViolations, committedIds, ledgerViolations } from './invariants.ts';
import { sleep, TRANSFER, transferLoad, until } from './load.ts';

const serverUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];
const dataDir = mkdtempSync(join(tmpdir(), 'etika-chain-kill-'));
const own = new Map<string, SigningKeyPair>();

let peers: SubgraphTest;
let t: Tenant;
let database: string;
let tokenChild: Child | undefined;
let chainChild: Child | undefined;

const childEnv = () => {
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  // a Redis database of its own, so no other test's consumers read these events
  const redis = new URL(redisUrl!);
  redis.pathname = '/7';
  return { DATA_DIR: dataDir, DATABASE_URL: url.toString(), REDIS_URL: redis.toString(), ORG_URL: new URL(peers.subgraph('org').url).origin };
};
const startToken = async () => (tokenChild = await startChild(token, peers.keys, own, childEnv()));
const startChain = async () => (chainChild = await startChild(chain, peers.keys, own, { ...childEnv(), CHECKPOINT_INTERVAL_MS: '200' }));

beforeAll(async () => {
  if (!serverUrl || !redisUrl) return;
  peers = await startSubgraphTest(org, { peers: [identity] });
  database = (await queryRows<{ db: string }>(peers.database.db, sql`select current_database() as db`))[0]!.db;
  t = await seedTenant(peers, 'chainkill');
}, 120_000);
afterAll(async () => {
  await tokenChild?.kill9();
  await chainChild?.kill9();
  await peers?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!serverUrl || !redisUrl)('kill -9 of the token and the chain subgraphs in the middle of transfers (on PostgreSQL and Redis; skipped without them)', () => {
  it('every committed transfer reaches the chain exactly once, and every leaf matches its transaction', async () => {
    await startToken();
    await startChain();
    const send = async (query: string, variables: Record<string, unknown>, as: Principal) =>
      (await graphql(tokenChild!.url, query, variables, { [PRINCIPAL_HEADER]: await peers.principalToken(as) })) as never;
    const defined = (await send('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Chain points', symbol: 'CHK', decimals: 0 } }, t.as.owner)) as { data: { defineToken: { id: string } } };
    const tokenId = defined.data.defineToken.id;
    for (const to of [t.userIds.member, t.userIds.admin]) {
      await send('mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId, amount: '1000000', toUserId: to, idempotencyKey: randomUUID() } }, t.as.owner);
    }
    const people = [{ principal: t.as.member, userId: t.userIds.member }, { principal: t.as.admin, userId: t.userIds.admin }];
    const load = transferLoad(send, tokenId, people, 6);
    await until('transfers to commit', 20_000, () => load.attempts.filter((a) => a.id).length > 20);
    await chainChild!.kill9();
    await sleep(500);
    await startChain();
    await until('more transfers', 20_000, () => load.attempts.filter((a) => a.id).length > 60);
    await tokenChild!.kill9();
    await sleep(300);
    await startToken();
    const restarted = Date.now();
    await until('transfers to commit after the restart', 30_000, () => load.attempts.some((a) => a.id && a.at > restarted));
    const attempts = await load.stop();
    for (const a of attempts.filter((x) => !x.id)) expect(((await send(TRANSFER, { input: a.input }, a.from)) as { errors?: unknown }).errors).toBeUndefined();

    const ids = await committedIds(serverUrl!, database, t.orgId, 'transfer');
    expect(attempts.filter((a) => a.id && !ids.has(a.id))).toEqual([]);
    expect(ids.size).toBe(attempts.length);
    expect(await ledgerViolations(serverUrl!, database, t.orgId)).toEqual([]);
    await until('every transaction on the chain', 60_000, async () => (await chainViolations(serverUrl!, database, t.orgId)).length === 0);
    expect(await chainViolations(serverUrl!, database, t.orgId)).toEqual([]);
  }, 240_000);
});
