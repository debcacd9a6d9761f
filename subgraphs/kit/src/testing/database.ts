import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../db.ts';

/**
 * A fresh database for one test file: PGlite in memory by default, or a new database on the server at
 * `DATABASE_URL` (dropped by `close`), so files never see each other's rows.
 */
export async function createTestDatabase(): Promise<{ database: Database; url: string | undefined; close(): Promise<void> }> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const database = await openDatabase({});
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
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The test's Redis, when one is configured. */
export function testRedisUrl(): string | undefined {
  return process.env['REDIS_URL'];
}
