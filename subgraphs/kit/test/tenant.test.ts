import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../src/testing/index.ts';
import { APP_ROLE, inTenant, migrateSubgraph, queryRows, type Database } from '../src/index.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** A throwaway subgraph with one tenant table, migrated the way every subgraph is. */
function migrationsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kit-migrations-'));
  mkdirSync(join(dir, 'meta'));
  writeFileSync(
    join(dir, '0000_init.sql'),
    'CREATE SCHEMA "demo";\n--> statement-breakpoint\nCREATE TABLE "demo"."notes" ("id" serial PRIMARY KEY, "org_id" uuid NOT NULL, "body" text NOT NULL);',
  );
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }] }));
  return dir;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  database = db.database;
  const folder = migrationsFolder();
  await migrateSubgraph(database, 'demo', folder);
  await migrateSubgraph(database, 'demo', folder); // idempotent: a second start changes nothing
  await inTenant(database.db, { orgId: A, userId: null }, (tx) => tx.execute(sql`insert into demo.notes (org_id, body) values (${A}, 'a1')`));
  await inTenant(database.db, { orgId: B, userId: null }, (tx) => tx.execute(sql`insert into demo.notes (org_id, body) values (${B}, 'b1')`));
});
afterAll(() => db.close());

const bodies = (orgId: string | null) =>
  inTenant(database.db, { orgId, userId: null }, async (tx) => (await queryRows<{ body: string }>(tx, sql`select body from demo.notes order by body`)).map((r) => r.body));

describe('tenant isolation by row-level security', () => {
  it('a tenant sees only its own rows', async () => {
    expect(await bodies(A)).toEqual(['a1']);
    expect(await bodies(B)).toEqual(['b1']);
  });

  it('no tenant set means no rows', async () => {
    expect(await bodies(null)).toEqual([]);
  });

  it("an update or delete of another tenant's row touches nothing", async () => {
    await inTenant(database.db, { orgId: A, userId: null }, async (tx) => {
      await tx.execute(sql`update demo.notes set body = 'hacked' where org_id = ${B}`);
      await tx.execute(sql`delete from demo.notes where org_id = ${B}`);
    });
    expect(await bodies(B)).toEqual(['b1']);
  });

  it('an insert for another tenant is refused', async () => {
    await expect(
      inTenant(database.db, { orgId: A, userId: null }, (tx) => tx.execute(sql`insert into demo.notes (org_id, body) values (${B}, 'forged')`)),
    ).rejects.toThrow();
    expect(await bodies(B)).toEqual(['b1']);
  });

  it('the audit table accepts rows for the tenant only and cannot be rewritten', async () => {
    await inTenant(database.db, { orgId: A, userId: null }, (tx) =>
      tx.execute(sql`insert into demo.audit_log (org_id, actor, operation, outcome) values (${A}, 'user:x', 'op', 'success')`),
    );
    await expect(
      inTenant(database.db, { orgId: A, userId: null }, (tx) => tx.execute(sql`update demo.audit_log set outcome = 'failure'`)),
    ).rejects.toThrow();
  });

  it('the catalogue: every table with org_id has RLS forced, and the app role cannot bypass it', async () => {
    const tables = await queryRows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      database.db,
      sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'demo' and c.relkind = 'r'
            and exists (select 1 from information_schema.columns col
                        where col.table_schema = n.nspname and col.table_name = c.relname and col.column_name = 'org_id')`,
    );
    expect(tables.map((t) => t.relname).sort()).toEqual(['audit_log', 'notes', 'outbox']);
    for (const t of tables) expect([t.relname, t.relrowsecurity, t.relforcerowsecurity]).toEqual([t.relname, true, true]);
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      database.db,
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owners = await queryRows<{ owner: string }>(database.db, sql`select tableowner as owner from pg_tables where schemaname = 'demo'`);
    expect(owners.every((o) => o.owner !== APP_ROLE)).toBe(true);
  });
});
