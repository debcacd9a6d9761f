import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql, type SigningKeyPair } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { PRINCIPAL_HEADER, type Principal } from '@etika/schema';
import { token } from '@etika/token';
import { graphql } from '../../src/client.ts';
import { startChild, type Child } from './children.ts';
import { committedIds, ledgerViolations } from './invariants.ts';
import { sleep, TRANSFER, transferLoad, until } from './load.ts';

const onPostgres = Boolean(process.env['DATABASE_URL']);
const dataDir = mkdtempSync(join(tmpdir(), 'etika-kill-'));
const own = new Map<string, SigningKeyPair>();

let peers: SubgraphTest;
let t: Tenant;
let child: Child | undefined;
let databaseUrl: string;

/** The token subgraph in its own process, on the test's database, org beside it in the test's process. */
const startToken = async () => (child = await startChild(token, peers.keys, own, { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ORG_URL: new URL(peers.subgraph('org').url).origin }));

beforeAll(async () => {
  if (!onPostgres) return;
  peers = await startSubgraphTest(org, { peers: [identity] });
  databaseUrl = (await queryRows<{ url: string }>(peers.database.db, sql`select current_database() as url`)).map((r) => {
    const u = new URL(process.env['DATABASE_URL']!);
    u.pathname = `/${r.url}`;
    return u.toString();
  })[0]!;
  t = await seedTenant(peers, 'kill');
}, 120_000);
afterAll(async () => {
  await child?.kill9();
  await peers?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)('kill -9 of the token subgraph in the middle of transfers (on PostgreSQL; skipped on PGlite)', () => {
  it('every transfer answered as committed is in the ledger once, nothing unanswered is half-written, the invariants hold', async () => {
    await startToken();
    const send = async (query: string, variables: Record<string, unknown>, as: Principal) => {
      const r = await graphql<{ transferTokens?: { id: string } }>(child!.url, query, variables, { [PRINCIPAL_HEADER]: await peers.principalToken(as) });
      return r as never;
    };
    const defined = await send('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Kill points', symbol: 'KIL', decimals: 0 } }, t.as.owner);
    const tokenId = (defined as { data: { defineToken: { id: string } } }).data.defineToken.id;
    for (const to of [t.userIds.member, t.userIds.admin]) {
      dataOrThrow(await send('mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId, amount: '1000000', toUserId: to, idempotencyKey: crypto.randomUUID() } }, t.as.owner));
    }
    const people = [{ principal: t.as.member, userId: t.userIds.member }, { principal: t.as.admin, userId: t.userIds.admin }];
    const load = transferLoad(send, tokenId, people, 8);
    await until('transfers to commit', 20_000, () => load.attempts.filter((a) => a.id).length > 20);
    await child!.kill9();
    await sleep(300);
    await startToken();
    const restarted = Date.now();
    await until('transfers to commit after the restart', 30_000, () => load.attempts.some((a) => a.id && a.at > restarted));
    const attempts = await load.stop();
    expect(attempts.some((a) => !a.id)).toBe(true);

    // each unanswered or refused transfer, sent again with its key, commits once or replays the commit it made
    for (const a of attempts.filter((x) => !x.id)) expect((await send(TRANSFER, { input: a.input }, a.from) as { errors?: unknown }).errors).toBeUndefined();
    const database = new URL(databaseUrl).pathname.slice(1);
    const ids = await committedIds(process.env['DATABASE_URL']!, database, t.orgId, 'transfer');
    expect(attempts.filter((a) => a.id && !ids.has(a.id))).toEqual([]);
    expect(ids.size).toBe(attempts.length);
    expect(await ledgerViolations(process.env['DATABASE_URL']!, database, t.orgId)).toEqual([]);
  }, 180_000);
});
