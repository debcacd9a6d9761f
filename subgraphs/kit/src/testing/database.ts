import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../db.ts';

/** A just-initialised PGlite cluster, kept between test files: loading it takes a fraction of initdb's time. */
const TEMPLATE = join(tmpdir(), 'etika-pglite-template.tar');

async function freshPglite(): Promise<PGlite> {
  try {
    return await PGlite.create({ loadDataDir: new Blob([readFileSync(TEMPLATE)]) });
  } catch {
    // none yet, or one another PGlite version cannot read: initialise, and keep the result for the next file
    const client = await PGlite.create();
    const draft = `${TEMPLATE}.${process.pid}.tmp`;
    writeFileSync(draft, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    renameSync(draft, TEMPLATE);
    return client;
  }
}

/**
 * A fresh database for one test file: PGlite in memory by default, or a new database on the server at
 * `DATABASE_URL` (dropped by `close`), so files never see each other's rows.
 */
export async function createTestDatabase(): Promise<{ database: Database; url: string | undefined; close(): Promise<void> }> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const client = await freshPglite();
    const database: Database = { db: drizzle({ client }) as unknown as Db, driver: 'pglite', close: () => client.close() };
    return { database, url: undefined, close: () => database.close() };
  }
  const name = `etika_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), maxConnections: 5 });
  return {
    database,
    url: url.toString(),
    close: async () => {
      await database.close();
      // A plain drop first: PostgreSQL stops an autovacuum worker in the way by itself, where FORCE would refuse an
      // ordinary role (a worker belongs to no role it may signal). FORCE only for a connection the test left open.
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`).catch(() => admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await admin.end();
    },
  };
}

/** The test's Redis, when one is configured. */
export function testRedisUrl(): string | undefined {
  return process.env['REDIS_URL'];
}
