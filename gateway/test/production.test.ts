import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform({ production: true, rejectUnauthorized: true });
  t = await seedTenant(p, 'prod');
});
afterAll(() => p?.close());

describe('production mode', () => {
  it('refuses introspection', async () => {
    const r = await p.gql('{ __schema { types { name } } }');
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no field suggestions and no stack traces', async () => {
    const r = await p.gql('{ myOrganisations { id } }', {}, bearer(t.tokens.member));
    expect(r.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const failed = await p.gql('mutation { updateBranding(input: { brandColor: "nope" }) { id } }', {}, bearer(t.tokens.owner));
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(failed)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('with AUTHZ_REJECT_UNAUTHORIZED, one unauthorized field rejects the whole operation', async () => {
    const r = await p.gql<{ myOrganizations: unknown }>('{ myOrganizations { id } apiKeys { id } }', {}, bearer(t.tokens.member));
    expect(r.status).toBe(403);
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ path: ['apiKeys'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })]);
  });
});
