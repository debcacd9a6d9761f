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
    return { db: drizzlePostgres({ client }) as unknown as Db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  return { db: drizzlePglite({ client }) as unknown as Db, driver: 'pglite', close: () => client.close() };
}

/** Rows of a raw statement; the two drivers shape results differently. */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export { sql };
