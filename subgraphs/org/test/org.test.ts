import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, queryRows } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '../src/index.ts';
import { seedTenant, type Tenant } from './fixtures.ts';

let p: SubgraphTest;
let a: Tenant;
let b: Tenant;
let t: Tenant;
let http: Tenant;

beforeAll(async () => {
  p = await startSubgraphTest(org, { peers: [identity] });
  a = await seedTenant(p, 'alpha');
  b = await seedTenant(p, 'beta');
  t = await seedTenant(p, 'flows');
  http = await seedTenant(p, 'http');
});
afterAll(() => p?.close());

describe('cross-tenant probes', () => {
  it("tenant A cannot read tenant B's organisation or members", async () => {
    const r = await p.execute<{ organization: unknown }>('query($id: ID!) { organization(id: $id) { id name members { id } } }', { id: b.orgId }, a.as.owner);
    expect(r.data?.organization).toBeNull();
  });

  it("tenant A cannot change, remove or see B's memberships, and B's data stays as it was", async () => {
    const change = await p.execute('mutation($m: ID!) { changeMemberRole(membershipId: $m, role: OWNER) { id } }', { m: b.membershipIds.member }, a.as.owner);
    expect(change.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const remove = await p.execute('mutation($m: ID!) { removeMember(membershipId: $m) { id } }', { m: b.membershipIds.auditor }, a.as.owner);
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const members = dataOrThrow(await p.execute<{ organization: { members: { id: string; role: string }[] } }>(
      'query($id: ID!) { organization(id: $id) { members { id role } } }', { id: b.orgId }, b.as.owner,
    ));
    expect(members.organization.members.map((m) => m.role).sort()).toEqual(['ADMIN', 'AUDITOR', 'MEMBER', 'OWNER']);
  });
});

describe('cross-tenant probes through _entities', () => {
  it("resolving B's Organization and Membership by key as tenant A gives null", async () => {
    const body = await p.execute<{ _entities: ({ id: string } | null)[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name } ... on Membership { id role } } }',
      {
        r: [
          { __typename: 'Organization', id: b.orgId },
          { __typename: 'Membership', id: b.membershipIds.owner },
          { __typename: 'Organization', id: a.orgId },
          { __typename: 'Organization', id: '-'.repeat(36) },
        ],
      },
      a.as.owner,
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
    const { db } = p.database;
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
});

describe('audit', () => {
  it('every mutation leaves a record in its subgraph, success or failure, visible to its tenant only', async () => {
    await p.execute('mutation { updateBranding(input: { brandColor: "#abcdef" }) { id } }', {}, a.as.admin);
    await p.execute('mutation { updateBranding(input: { brandColor: "not a colour" }) { id } }', {}, a.as.admin);
    const rows = await inTenant(p.database.db, { orgId: a.orgId, userId: null }, (tx) =>
      queryRows<{ actor: string; operation: string; outcome: string; error_code: string | null }>(
        tx,
        sql`select actor, operation, outcome, error_code from org.audit_log where operation = 'updateBranding' order by id`,
      ),
    );
    expect(rows).toEqual([
      { actor: `user:${a.userIds.admin}`, operation: 'updateBranding', outcome: 'success', error_code: null },
      { actor: `user:${a.userIds.admin}`, operation: 'updateBranding', outcome: 'failure', error_code: 'BAD_USER_INPUT' },
    ]);
    const fromB = await inTenant(p.database.db, { orgId: b.orgId, userId: null }, (tx) =>
      queryRows(tx, sql`select id from org.audit_log where operation = 'updateBranding'`),
    );
    expect(fromB).toEqual([]);
  });
});

describe('members', () => {
  it('an admin cannot make an owner; nobody removes the last owner', async () => {
    const promote = await p.execute('mutation($m: ID!) { changeMemberRole(membershipId: $m, role: OWNER) { id } }', { m: t.membershipIds.member }, t.as.admin);
    expect(promote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const demoteOwner = await p.execute('mutation($m: ID!) { changeMemberRole(membershipId: $m, role: MEMBER) { id } }', { m: t.membershipIds.owner }, t.as.owner);
    expect(demoteOwner.errors?.[0]?.extensions?.code).toBe('LAST_OWNER');
  });
});

describe('branding', () => {
  it('an oversize string is refused with a clear code and nothing written', async () => {
    const r = await p.execute('mutation($n: String!) { updateBranding(input: { name: $n }) { name } }', { n: 'x'.repeat(5_000) }, http.as.owner);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const organization = await p.execute(`{ organization(id: "${http.orgId}") { name } }`, {}, http.as.owner);
    expect(organization.data).toEqual({ organization: { name: 'Org http' } });
  });
});
