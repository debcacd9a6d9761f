import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSubgraph, openDatabase } from '../src/index.ts';
import { createTestDatabase } from '../src/testing/index.ts';

/**
 * Subgraphs starting at once on a new cluster migrate at once: each sees that its role is not yet a member of the
 * app role and grants it, and each finds drizzle's bookkeeping schema missing and makes it; the second grant, and
 * the second schema, used to fail on the first's catalog row (23505).
 */
const serverUrl = process.env['DATABASE_URL'];
const role = `etika_race_${randomBytes(4).toString('hex')}`;
let test: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: postgres.Sql;

beforeAll(async () => {
  if (!serverUrl) return;
  test = await createTestDatabase();
  // on the server's own database: the test's is dropped at the end, with what the role made in it
  admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  // a login role that is not yet a member of the app role, as the platform's own role is on a new cluster
  await admin.unsafe(`CREATE ROLE ${role} LOGIN CREATEROLE PASSWORD 'race'`);
  await admin.unsafe(`GRANT CREATE ON DATABASE ${new URL(test.url!).pathname.slice(1)} TO ${role}`);
});
afterAll(async () => {
  if (!admin) return;
  await test?.close();
  await admin.unsafe(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  await admin.end();
});

describe.skipIf(!serverUrl)('migrations on a new cluster (PostgreSQL)', () => {
  it('six subgraphs migrating at once as a role new to the app role all succeed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-race-'));
    mkdirSync(join(dir, 'meta'));
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [] }));
    const url = new URL(test.url!);
    url.username = role;
    url.password = 'race';
    const databases = await Promise.all(Array.from({ length: 6 }, () => openDatabase({ url: url.toString(), maxConnections: 1 })));
    try {
      const results = await Promise.allSettled(databases.map((d, i) => migrateSubgraph(d, `race_${i}`, dir)));
      expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }
  });
});
