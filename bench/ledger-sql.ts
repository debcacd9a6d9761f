/**
 * The ledger's SQL alone: the statement the token subgraph sends for transfers (`token.commit_batch`), driven by
 * pgbench (C, no HTTP, no GraphQL, no Node) on the database the ledger run just used, with the same members, token
 * and pattern (each member sends 1 to the next). Two shapes: one transfer per statement (what the service sent
 * before group commit) and batches (what group commit sends under load). Part of `npm run bench`: it tells how
 * much of the pgbench ratio the SQL itself leaves room for on this machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@etika/kit';
import { rowsInTenant } from '@etika/kit/testing';

export interface LedgerSqlCeiling {
  /** Transfers per second, one per statement, at `clients` clients. */
  readonly single: { readonly clients: number; readonly perSecond: number };
  /** Transfers per second in batches of `batch`, at `clients` clients. */
  readonly batched: { readonly clients: number; readonly batch: number; readonly perSecond: number };
}

interface Ledger {
  readonly orgId: string;
  readonly tokenId: string;
  readonly memberIds: readonly string[];
}

/** A transfer as `token.commit_batch` takes it, with a fresh idempotency key and request id each time pgbench runs it. */
function item({ orgId, tokenId, memberIds }: Ledger, i: number): string {
  const from = memberIds[i % memberIds.length]!;
  const to = memberIds[(i + 1) % memberIds.length]!;
  const postings = [{ t: tokenId, o: 'member', w: from, a: '-1' }, { t: tokenId, o: 'member', w: to, a: '1' }];
  const fixed = (o: Record<string, unknown>) => JSON.stringify(o).slice(1, -1);
  return `{"key":"' || gen_random_uuid() || '","audit":{"operation":"transferTokens","requestId":"' || gen_random_uuid() || '"},${fixed({
    org: orgId, user: from, hash: `sql-${i}`, kind: 'transfer', actor: `user:${from}`, memo: null, reverses: null,
    postings, tokens: `{${tokenId}}`, recipients: `{${to}}`, epochs: '{0}', maxAge: 900,
  })}}`;
}

/** Runs the scripts for `seconds` and answers the seconds pgbench measured (connections excluded). */
function pgbench(url: string, scripts: readonly string[], clients: number, seconds: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'etika-ledger-sql-'));
  try {
    const files = scripts.map((s, i) => {
      const file = join(dir, `${i}.sql`);
      writeFileSync(file, `select token.commit_batch(('[${s}]')::jsonb);\n`);
      return file;
    });
    const u = new URL(url);
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
    const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), '-n', '-c', String(clients), '-j', '2', '-T', String(seconds)];
    const out = execFileSync('pgbench', [...args, ...files.flatMap((f) => ['-f', f]), u.pathname.slice(1)], { env }).toString();
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);
    const done = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? 0);
    return tps > 0 ? done / tps : seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Counts what committed rather than what pgbench ran: an item refused inside a batch is that item's answer, not
 * the statement's failure, so only the ledger's own rows tell how many transfers happened.
 */
export async function benchLedgerSql(url: string, ledger: Ledger, seconds: number, singleClients: number): Promise<LedgerSqlCeiling> {
  const database = await openDatabase({ url, maxConnections: 1 });
  const committed = async () => {
    const [row] = await rowsInTenant<{ n: number }>(database.db, ledger.orgId, sql`select count(*)::int as n from token.transactions where kind = 'transfer'`);
    return row!.n;
  };
  const rate = async (scripts: readonly string[], clients: number) => {
    const before = await committed();
    const took = pgbench(url, scripts, clients, seconds);
    return ((await committed()) - before) / took;
  };
  try {
    const n = ledger.memberIds.length;
    const single = await rate(Array.from({ length: n }, (_, i) => item(ledger, i)), singleClients);
    // batches of 8 from 8 clients: about what group commit forms with 64 clients and 4 batches in flight
    const batch = 8;
    const groups = Array.from({ length: Math.ceil(n / batch) }, (_, g) => Array.from({ length: Math.min(batch, n - g * batch) }, (_, j) => item(ledger, g * batch + j)).join(','));
    const batched = await rate(groups, 8);
    return { single: { clients: singleClients, perSecond: single }, batched: { clients: 8, batch, perSecond: batched } };
  } finally {
    await database.close();
  }
}
