import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, sql, type Database } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { migrateAll } from '../src/migrate.ts';
import { SUBGRAPHS } from '../src/registry.ts';

const test = await createTestDatabase();
afterAll(() => test.close());

describe('npm run migrate (the Kubernetes migration Job)', { timeout: 120_000 }, () => {
  it("creates every registered subgraph's schema and tables, and a second run changes nothing", async () => {
    const open = async (): Promise<Database> => (test.url ? openDatabase({ url: test.url, maxConnections: 1 }) : test.database);
    const keep = async (database: Database) => {
      if (test.url) await database.close();
    };
    expect(await migrateAll(SUBGRAPHS, open, keep)).toEqual(SUBGRAPHS.map((s) => s.name));
    const database = await open();
    const tables = async () =>
      queryRows<{ schema: string; count: number }>(
        database.db,
        sql`select table_schema as schema, count(*)::int as count from information_schema.tables group by table_schema`,
      );
    const first = await tables();
    for (const s of SUBGRAPHS) expect(first.find((row) => row.schema === s.name)?.count ?? 0, s.name).toBeGreaterThan(0);
    await migrateAll(SUBGRAPHS, open, keep);
    expect(await tables()).toEqual(first);
    await keep(database);
  });
});
