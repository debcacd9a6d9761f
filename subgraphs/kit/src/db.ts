import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import postgres from 'postgres';

/** The drizzle database every subgraph talks to, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>>;
export type Executor = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it the embedded PGlite is used. */
  readonly url?: string | undefined;
  /** Where PGlite keeps its files; without it PGlite lives in memory (tests). */
  readonly dataDir?: string | undefined;
  /** Pool size for a real server. */
  readonly maxConnections?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => undefined,
      // a server that does not answer is an error within seconds, not a request that hangs
      connect_timeout: 5,
      // after a restart the pool is back within a second (the driver's default waits up to 20 s between attempts)
      backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
      connection: { application_name: 'etika' },
    });
    return { db: drizzlePostgres({ client: preparing(client) }) as unknown as Db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  return { db: drizzlePglite({ client }) as unknown as Db, driver: 'pglite', close: () => client.close() };
}

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * An insert whose ON CONFLICT target has a WHERE (a partial unique index as the arbiter) stays unnamed: PostgreSQL
 * infers the arbiter from the predicate's values, and from the sixth execution a prepared statement may be planned
 * without them, which fails with "no unique or exclusion constraint matching the ON CONFLICT specification".
 */
const PARTIAL_ARBITER = /\bon conflict\s*\([^)]*\)\s*where\b/i;

/**
 * The driver as drizzle should use it: every statement with parameters prepared once per connection and then only
 * bound and executed, one round trip. drizzle sends its statements unnamed, and for an unnamed statement with
 * parameters the driver first asks the server for the parameter types and waits for the answer: two round trips per
 * statement, which under load cost more than the statements themselves. Statements without parameters keep the
 * simple protocol (a migration's several statements in one string). Transactions and savepoints hand drizzle a
 * client that prepares too. The server keeps each connection's statements until the connection closes (a pooler
 * in transaction mode needs its support for prepared statements: PgBouncer 1.21 or later).
 */
function preparing<T extends Sql>(client: T): T {
  // made once per client, not at each statement: drizzle reads `unsafe` for every query it sends
  const unsafe = client.unsafe.bind(client);
  const prepared = (query: string, args: postgres.ParameterOrJSON<never>[] = [], options: postgres.UnsafeQueryOptions = {}) =>
    unsafe(query, args, args.length > 0 && !PARTIAL_ARBITER.test(query) ? { ...options, prepare: true } : options);
  const opening = (open: (...args: unknown[]) => Promise<unknown>) => (...args: unknown[]) => {
    const run = args.pop() as (tx: postgres.TransactionSql) => unknown;
    return open(...args, (tx: postgres.TransactionSql) => run(preparing(tx)));
  };
  const methods = client as unknown as Record<'begin' | 'savepoint', ((...args: unknown[]) => Promise<unknown>) | undefined>;
  const begin = methods.begin && opening(methods.begin.bind(client));
  const savepoint = methods.savepoint && opening(methods.savepoint.bind(client));
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') return prepared;
      if (prop === 'begin' && begin) return begin;
      if (prop === 'savepoint' && savepoint) return savepoint;
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Rows of a raw statement; the two drivers shape results differently. */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export { sql };
