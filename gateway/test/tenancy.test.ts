import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, queryRows } from '@etika/kit';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { gqlAt, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let a: Tenant;
let b: Tenant;
let bKey: { id: string; secret: string };

beforeAll(async () => {
  p = await startTestPlatform();
  a = await seedTenant(p, 'alpha');
  b = await seedTenant(p, 'beta');
  const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    'mutation { createApiKey(input: { name: "beta partner", scopes: ["org:read"] }) { secret apiKey { id } } }',
    {},
    bearer(b.tokens.admin),
  ));
  bKey = { id: created.createApiKey.apiKey.id, secret: created.createApiKey.secret };
});
afterAll(() => p?.close());

describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let g: EdgeGateway;
const gql = gqlAt(() => g.url);
beforeAll(async () => {
  g = await startEdgeGateway(p, { engine });
});
afterAll(() => g?.close());

describe('cross-tenant probes through the gateway', () => {
  it("tenant A cannot list or revoke B's API keys; B's key keeps working", async () => {
    const list = dataOrThrow(await gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, bearer(a.tokens.owner)));
    expect(list.apiKeys.map((k) => k.id)).not.toContain(bKey.id);
    const revoke = await gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: bKey.id }, bearer(a.tokens.owner));
    expect(revoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const viaKey = await gql<{ organization: { id: string } }>('query($id: ID!) { organization(id: $id) { id } }', { id: b.orgId }, { 'x-api-key': bKey.secret });
    expect(viaKey.data?.organization.id).toBe(b.orgId);
  });

  it("a partner key of B sees nothing of A", async () => {
    const r = await gql<{ organization: unknown }>('query($id: ID!) { organization(id: $id) { id } }', { id: a.orgId }, { 'x-api-key': bKey.secret });
    expect(r.data?.organization).toBeNull();
  });
});
});

describe('row-level security', () => {
  it('the catalogue: every tenant table in every subgraph has RLS forced, owned by someone other than the app role', async () => {
    for (const [schema, database] of Object.entries(p.databases)) {
      const tables = await queryRows<{ table: string; forced: boolean; enabled: boolean; owner: string }>(
        database.db,
        sql`select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced, pg_get_userbyid(c.relowner) as owner
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = ${schema} and c.relkind = 'r'
              and (exists (select 1 from information_schema.columns col where col.table_schema = n.nspname and col.table_name = c.relname and col.column_name = 'org_id')
                   or c.relname = 'organizations')`,
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) expect({ ...t, ok: t.enabled && t.forced && t.owner !== APP_ROLE }).toMatchObject({ table: t.table, ok: true });
    }
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean }>(p.databases.org.db, sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });
});
