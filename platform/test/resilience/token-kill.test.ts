import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, keyNeedsOf, privateKeyVariable, publicKeyVariable, queryRows, sql } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { PRINCIPAL_HEADER, type Principal } from '@etika/schema';
import { token } from '@etika/token';
import { graphql } from '../../src/client.ts';
import { committedIds, ledgerViolations } from './invariants.ts';
import { sleep, TRANSFER, transferLoad, until } from './load.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'subgraphs/token/src/main.ts');
const onPostgres = Boolean(process.env['DATABASE_URL']);
const dataDir = mkdtempSync(join(tmpdir(), 'etika-kill-'));

let peers: SubgraphTest;
let t: Tenant;
let child: ChildProcess | null = null;
let databaseUrl: string;
let ownKeys: Awaited<ReturnType<typeof generateSigningKeyPair>> | undefined;

/** The token subgraph as `npm start -w subgraphs/token` runs it: its own process, on the test's database, org beside it. */
async function startToken(): Promise<string> {
  const needs = keyNeedsOf(token);
  const keys: Record<string, string> = {};
  for (const name of needs.trusts) if (peers.keys[name]) keys[publicKeyVariable(name)] = JSON.stringify(peers.keys[name].publicJwk);
  ownKeys ??= await generateSigningKeyPair();
  keys[publicKeyVariable('token')] = JSON.stringify(ownKeys.publicJwk);
  keys[privateKeyVariable('token')] = JSON.stringify(ownKeys.privateJwk);
  const env = { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, ORG_URL: new URL(peers.subgraph('org').url).origin, ...keys };
  // node itself with tsx's loader, not the tsx command, whose child would outlive a kill -9 of the command
  const started = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /"url":"([^"]+)"/.exec(output);
      if (found) resolve(found[1]!);
    };
    started.stdout!.on('data', onData);
    started.stderr!.on('data', onData);
    started.once('exit', (code) => reject(new Error(`token exited with ${code}: ${output.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`token did not start: ${output.slice(-2000)}`)), 60_000).unref();
  });
}

async function kill9(): Promise<void> {
  const c = child;
  child = null;
  if (!c || c.exitCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGKILL');
  await exited;
}

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
  await kill9();
  await peers?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)('kill -9 of the token subgraph in the middle of transfers (on PostgreSQL; skipped on PGlite)', () => {
  it('every transfer answered as committed is in the ledger once, nothing unanswered is half-written, the invariants hold', async () => {
    let url = await startToken();
    const send = async (query: string, variables: Record<string, unknown>, as: Principal) => {
      const r = await graphql<{ transferTokens?: { id: string } }>(`${url}`, query, variables, { [PRINCIPAL_HEADER]: await peers.principalToken(as) });
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
    await kill9();
    await sleep(300);
    url = await startToken();
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
