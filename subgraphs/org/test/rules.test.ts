import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '../src/index.ts';
import { seedTenant, type Tenant } from './fixtures.ts';

let p: SubgraphTest;
let t: Tenant;
let http: Tenant;

beforeAll(async () => {
  p = await startSubgraphTest(org, { peers: [identity] });
  t = await seedTenant(p, 'flows');
  http = await seedTenant(p, 'http');
});
afterAll(() => p?.close());

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
