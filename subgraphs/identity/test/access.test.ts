import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { identity } from '../src/index.ts';
import { principalOf, signUp } from './fixtures.ts';

let p: SubgraphTest;
let t: Tenant;
beforeAll(async () => {
  p = await startSubgraphTest(identity, { peers: [org] });
  t = await seedTenant(p, 'flows');
});
afterAll(() => p?.close());

describe('partner API keys', () => {
  const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix scopes lastUsedAt } } }';

  it('only partner-grantable scopes the creator holds; never key or member management', async () => {
    for (const scopes of [['apikeys:manage'], ['members:manage'], ['not:a:scope'], []]) {
      const r = await p.execute(CREATE, { input: { name: 'x', scopes } }, t.as.admin);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('organisations', () => {
  it('switching organisation changes the token claims; the last owner cannot leave', async () => {
    const { accessToken: token } = await signUp(p, `founder.${Date.now()}@test.etika.dev`);
    const founder = await principalOf(p, token);
    const created = dataOrThrow(await p.subgraph('org').execute<{ createOrganization: { id: string } }>('mutation { createOrganization(input: { name: "Solo", brandColor: "#112233" }) { id } }', {}, founder)).createOrganization;
    const switched = dataOrThrow(await p.execute<{ switchOrganization: { accessToken: string; organizationId: string } }>(
      'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken organizationId } }', { id: created.id }, founder,
    )).switchOrganization;
    expect(switched.organizationId).toBe(created.id);
    const claims = JSON.parse(Buffer.from(switched.accessToken.split('.')[1]!, 'base64url').toString()) as { org: string; role: string; scp: string[] };
    expect(claims).toMatchObject({ org: created.id, role: 'owner' });
    expect(claims.scp).toContain('org:delete');
    const leave = await p.subgraph('org').execute('mutation($id: ID!) { leaveOrganization(organizationId: $id) { id } }', { id: created.id }, await principalOf(p, switched.accessToken));
    expect(leave.errors?.[0]?.extensions?.code).toBe('LAST_OWNER');
    const foreign = await p.execute('mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: t.orgId }, founder);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the subgraph enforces its own directives', () => {
  it('the subgraph enforces the same rule if a request reaches it another way', async () => {
    // the member's principal token is valid, but apiKeys needs apikeys:manage: the identity subgraph refuses it too
    const direct = await p.execute('{ apiKeys { id } }', {}, t.as.member);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
