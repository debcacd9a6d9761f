import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, inTenant, queryRows } from '@etika/kit';
import { PRINCIPAL_HEADER } from '@etika/schema';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { principalTokenFor, seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

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

describe('cross-tenant probes through the gateway', () => {
  it("tenant A cannot read tenant B's organisation or members", async () => {
    const r = await p.gql<{ organization: unknown }>('query($id: ID!) { organization(id: $id) { id name members { id } } }', { id: b.orgId }, bearer(a.tokens.owner));
    expect(r.data?.organization).toBeNull();
  });

  it("tenant A cannot change, remove or see B's memberships, and B's data stays as it was", async () => {
    const change = await p.gql('mutation($m: ID!) { changeMemberRole(membershipId: $m, role: OWNER) { id } }', { m: b.membershipIds.member }, bearer(a.tokens.owner));
    expect(change.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const remove = await p.gql('mutation($m: ID!) { removeMember(membershipId: $m) { id } }', { m: b.membershipIds.auditor }, bearer(a.tokens.owner));
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const members = dataOrThrow(await p.gql<{ organization: { members: { id: string; role: string }[] } }>(
      'query($id: ID!) { organization(id: $id) { members { id role } } }', { id: b.orgId }, bearer(b.tokens.owner),
    ));
    expect(members.organization.members.map((m) => m.role).sort()).toEqual(['ADMIN', 'AUDITOR', 'MEMBER', 'OWNER']);
  });

  it("tenant A cannot list or revoke B's API keys; B's key keeps working", async () => {
    const list = dataOrThrow(await p.gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, bearer(a.tokens.owner)));
    expect(list.apiKeys.map((k) => k.id)).not.toContain(bKey.id);
    const revoke = await p.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: bKey.id }, bearer(a.tokens.owner));
    expect(revoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const viaKey = await p.gql<{ organization: { id: string } }>('query($id: ID!) { organization(id: $id) { id } }', { id: b.orgId }, { 'x-api-key': bKey.secret });
    expect(viaKey.data?.organization.id).toBe(b.orgId);
  });

  it("a partner key of B sees nothing of A", async () => {
    const r = await p.gql<{ organization: unknown }>('query($id: ID!) { organization(id: $id) { id } }', { id: a.orgId }, { 'x-api-key': bKey.secret });
    expect(r.data?.organization).toBeNull();
  });
});

describe('cross-tenant probes through _entities at the subgraph', () => {
  it("resolving B's Organization and Membership by key as tenant A gives null", async () => {
    const token = await principalTokenFor(p, a, 'owner');
    const body = await graphql<{ _entities: ({ id: string } | null)[] }>(
      p.subgraphUrls.org,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name } ... on Membership { id role } } }',
      {
        r: [
          { __typename: 'Organization', id: b.orgId },
          { __typename: 'Membership', id: b.membershipIds.owner },
          { __typename: 'Organization', id: a.orgId },
          { __typename: 'Organization', id: '-'.repeat(36) },
        ],
      },
      { [PRINCIPAL_HEADER]: token },
    );
    const entities = dataOrThrow(body)._entities;
    expect(entities[3]).toBeNull();
    expect(entities[0]).toBeNull();
    expect(entities[1]).toBeNull();
    expect(entities[2]?.id).toBe(a.orgId);
  });
});

describe('row-level security in the org database', () => {
  it('an insert for another tenant is refused; with no tenant there are no rows', async () => {
    const { db } = p.databases.org;
    await expect(
      inTenant(db, { orgId: a.orgId, userId: null }, (tx) =>
        tx.execute(sql`insert into org.memberships (org_id, user_id, role) values (${b.orgId}, ${a.userIds.member}, 'owner')`),
      ),
    ).rejects.toThrow();
    const none = await inTenant(db, { orgId: null, userId: null }, (tx) => queryRows(tx, sql`select id from org.memberships`));
    expect(none).toEqual([]);
    const orgs = await inTenant(db, { orgId: null, userId: null }, (tx) => queryRows(tx, sql`select id from org.organizations`));
    expect(orgs).toEqual([]);
  });

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

describe('audit', () => {
  it('every mutation leaves a record in its subgraph, success or failure, visible to its tenant only', async () => {
    await p.gql('mutation { updateBranding(input: { brandColor: "#abcdef" }) { id } }', {}, bearer(a.tokens.admin));
    await p.gql('mutation { updateBranding(input: { brandColor: "not a colour" }) { id } }', {}, bearer(a.tokens.admin));
    const rows = await inTenant(p.databases.org.db, { orgId: a.orgId, userId: null }, (tx) =>
      queryRows<{ actor: string; operation: string; outcome: string; error_code: string | null }>(
        tx,
        sql`select actor, operation, outcome, error_code from org.audit_log where operation = 'updateBranding' order by id`,
      ),
    );
    expect(rows).toEqual([
      { actor: `user:${a.userIds.admin}`, operation: 'updateBranding', outcome: 'success', error_code: null },
      { actor: `user:${a.userIds.admin}`, operation: 'updateBranding', outcome: 'failure', error_code: 'BAD_USER_INPUT' },
    ]);
    const fromB = await inTenant(p.databases.org.db, { orgId: b.orgId, userId: null }, (tx) =>
      queryRows(tx, sql`select id from org.audit_log where operation = 'updateBranding'`),
    );
    expect(fromB).toEqual([]);
  });
});
