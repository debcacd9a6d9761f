import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { gqlAt, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform({ production: true, rejectUnauthorized: true });
  t = await seedTenant(p, 'prod');
});
afterAll(() => p?.close());

// errors are formatted around the engine, but what reaches the formatter is the engine's: each behind a production gateway of its own
describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let g: EdgeGateway;
const gql = gqlAt(() => g.url);
beforeAll(async () => {
  g = await startEdgeGateway(p, { engine, production: true, rejectUnauthorized: true });
});
afterAll(() => g?.close());

describe('production mode', () => {
  it('refuses introspection', async () => {
    const r = await gql('{ __schema { types { name } } }');
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no field suggestions and no stack traces', async () => {
    const r = await gql('{ myOrganisations { id } }', {}, bearer(t.tokens.member));
    expect(r.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const failed = await gql('mutation { updateBranding(input: { brandColor: "nope" }) { id } }', {}, bearer(t.tokens.owner));
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(failed)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('with AUTHZ_REJECT_UNAUTHORIZED, one unauthorized field rejects the whole operation', async () => {
    const r = await gql<{ myOrganizations: unknown }>('{ myOrganizations { id } apiKeys { id } }', {}, bearer(t.tokens.member));
    expect(r.status).toBe(403);
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ path: ['apiKeys'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })]);
  });
});
});
