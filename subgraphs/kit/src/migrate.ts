import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { queryRows, type Database } from './db.ts';
import { outboxDdl } from './outbox.ts';
import { APP_ROLE } from './tenant.ts';

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Creates the application role once per cluster and lets the connecting user switch to it. */
const ensureAppRole = [
  `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$`,
  `DO $$ BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
    EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
  END IF;
-- two subgraphs migrating at once on a new cluster both see no membership, and the second grant meets the first's row
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$`,
];

/**
 * The schema drizzle keeps its bookkeeping in, made before drizzle makes it: subgraphs starting at once on a new
 * database (each migrates as it starts) all find it missing, and all but the first would fail on the catalog's row.
 */
const ensureMigrationsSchema = `DO $$ BEGIN
  CREATE SCHEMA IF NOT EXISTS drizzle;
EXCEPTION WHEN duplicate_schema OR unique_violation THEN NULL;
END $$`;

function auditTable(schema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${schema}.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid,
  actor text NOT NULL,
  operation text NOT NULL,
  outcome text NOT NULL,
  error_code text,
  request_id text,
  at timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE INDEX IF NOT EXISTS audit_log_org_at ON ${schema}.audit_log (org_id, at DESC)`,
    `ALTER TABLE ${schema}.audit_log ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${schema}.audit_log FORCE ROW LEVEL SECURITY`,
    `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${schema}' AND tablename = 'audit_log') THEN
    CREATE POLICY audit_read ON ${schema}.audit_log FOR SELECT
      USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
    CREATE POLICY audit_append ON ${schema}.audit_log FOR INSERT
      WITH CHECK (org_id IS NULL OR org_id = nullif(current_setting('app.org_id', true), '')::uuid);
  END IF;
END $$`,
  ];
}

async function run(database: Database, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await database.db.execute(sql.raw(statement));
}

/** Tables that carry `org_id` but have no policy yet get the default tenant policy; all get RLS forced. */
async function enforceTenantIsolation(database: Database, schema: string): Promise<void> {
  const tables = await queryRows<{ table_name: string; policies: number }>(
    database.db,
    sql`select c.table_name, (select count(*)::int from pg_policies p
          where p.schemaname = c.table_schema and p.tablename = c.table_name) as policies
        from information_schema.columns c
        where c.table_schema = ${schema} and c.column_name = 'org_id'`,
  );
  for (const { table_name: table, policies } of tables) {
    if (!IDENT.test(table)) throw new Error(`unexpected table name ${table}`);
    await run(database, [
      `ALTER TABLE ${schema}.${table} ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE ${schema}.${table} FORCE ROW LEVEL SECURITY`,
    ]);
    if (policies === 0) {
      await database.db.execute(
        sql.raw(`CREATE POLICY tenant_isolation ON ${schema}.${table}
          USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
          WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`),
      );
    }
  }
}

/**
 * Brings a subgraph's schema up to date: the shared app role, the committed drizzle migrations (bookkept outside
 * the subgraph's schema), the kit's audit table, forced RLS on every tenant table, and the app role's grants.
 * Idempotent; runs at every start.
 */
export async function migrateSubgraph(database: Database, schema: string, migrationsFolder: string): Promise<void> {
  if (!IDENT.test(schema)) throw new Error(`invalid schema name ${schema}`);
  await run(database, [...ensureAppRole, ensureMigrationsSchema]);
  const config = { migrationsFolder, migrationsSchema: 'drizzle', migrationsTable: `__migrations_${schema}` };
  if (database.driver === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, config);
  } else {
    await migratePostgres(database.db as unknown as PostgresJsDatabase, config);
  }
  await run(database, [`CREATE SCHEMA IF NOT EXISTS ${schema}`, ...auditTable(schema), ...outboxDdl(schema)]);
  await enforceTenantIsolation(database, schema);
  await run(database, [
    `GRANT USAGE ON SCHEMA ${schema} TO ${APP_ROLE}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${APP_ROLE}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${APP_ROLE}`,
    `REVOKE UPDATE, DELETE ON ${schema}.audit_log FROM ${APP_ROLE}`,
  ]);
}
