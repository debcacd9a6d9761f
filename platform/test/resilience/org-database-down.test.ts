import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairs, keysFor, openDatabase, sql, type Database } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { SUPERGRAPH_PATH } from '@etika/schema';
import { bearer, dataOrThrow, graphql, type GraphQLResponse } from '../../src/client.ts';
import { startPlatform } from '../../src/platform.ts';
import { SIGNING_SERVICES } from '../../src/registry.ts';
import { seedTenant, type Tenant, type TestPlatform } from '../../src/testing.ts';
import { hasPostgres, startOwnPostgres, type OwnPostgres } from './servers.ts';

/** The port of this test's own cluster, which holds org's database alone; the other subgraphs stay on PGlite. */
const PORT = 55493;

let pg: OwnPostgres;
let p: TestPlatform;
let t: Tenant;
let tokenId: string;
let memory: Awaited<ReturnType<typeof createTestDatabase>>;
let orgDatabase: Database;

beforeAll(async () => {
  if (!hasPostgres) return;
  pg = await startOwnPostgres(PORT);
  memory = await createTestDatabase();
  const admin = await openDatabase({ url: pg.adminUrl, maxConnections: 1 });
  await admin.db.execute(sql.raw('create database org owner etika'));
  await admin.close();
  const url = new URL(pg.url);
  url.pathname = '/org';
  orgDatabase = await openDatabase({ url: url.toString(), maxConnections: 4 });
  const keys = await generateKeyPairs(SIGNING_SERVICES);
  const platform = await startPlatform({
    keys: async (service, needs) => keysFor(keys, service, needs),
    openDatabase: async (name) => (name === 'org' ? orgDatabase : memory.database),
    storeNamespace: `test-${randomUUID()}-`,
    supergraphPath: SUPERGRAPH_PATH,
    gatewayPort: 0,
    freePorts: true,
    logLevel: 'silent',
    settings: { CHECKPOINT_INTERVAL_MS: 200, SIGN_UP_LIMIT_PER_ADDRESS: 100_000 },
    // production: what a client reads there is the contract (no stack, no internal message)
    production: true,
    rejectUnauthorized: false,
  });
  p = { ...platform, keys, production: true, gql: (query, variables = {}, headers = {}) => graphql(platform.gatewayUrl, query, variables, headers) };
  t = await seedTenant(p, 'orgdown');
  const defined = await p.gql<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Down points', symbol: 'DWN', decimals: 0 } }, bearer(t.tokens.owner));
  tokenId = dataOrThrow(defined).defineToken.id;
  dataOrThrow(await p.gql('mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId, amount: '1000', toUserId: t.userIds.member, idempotencyKey: randomUUID() } }, bearer(t.tokens.owner)));
}, 180_000);
afterAll(async () => {
  await p?.close();
  await pg?.close();
});

/** What a client must read while a database is down: a retryable refusal that names nothing of the inside. */
function expectRetryable(r: GraphQLResponse<unknown>, what: string): void {
  const error = r.errors?.[0];
  expect(error, `${what}: ${JSON.stringify(r)}`).toBeDefined();
  expect(error!.extensions?.code, `${what}: ${JSON.stringify(r.errors)}`).toBe('SERVICE_UNAVAILABLE');
  expect((error!.extensions as Record<string, unknown>)['retryAfterSeconds'], `${what}: ${JSON.stringify(r.errors)}`).toBeGreaterThan(0);
  expect(JSON.stringify(r.errors), what).not.toMatch(/select|insert|update|127\.0\.0\.1|ECONN|terminat|Internal error/i);
  // a GraphQL answer with the error beside the data, or 503 before execution: never 500 or 502
  expect([200, 503], what).toContain(r.status);
}

describe.skipIf(!hasPostgres)("org's database down behind the gateway (own cluster; skipped without PostgreSQL 15 binaries)", () => {
  it('every request that needs org is refused as retryable SERVICE_UNAVAILABLE, and works again once the database is back', async () => {
    const organization = '{ myOrganizations { id name } }';
    dataOrThrow(await p.gql(organization, {}, bearer(t.tokens.member)));
    await pg.stop();
    try {
      // a read of org's own
      expectRetryable(await p.gql(organization, {}, bearer(t.tokens.member)), 'myOrganizations');
      expectRetryable(await p.gql('query($id: ID!) { organization(id: $id) { name members { id } } }', { id: t.orgId }, bearer(t.tokens.owner)), 'organization');
      // a mutation of org's own
      expectRetryable(await p.gql('mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input: { name: 'Not now' } }, bearer(t.tokens.member)), 'createOrganization');
      // another subgraph that asks org first: token, for a recipient it has not asked about yet
      const transfer = await p.gql('mutation($input: MovementInput!) { transferTokens(input: $input) { id } }', { input: { tokenId, amount: '1', toUserId: t.userIds.auditor, idempotencyKey: randomUUID() } }, bearer(t.tokens.member));
      expectRetryable(transfer, 'transferTokens');
      // identity, which reads memberships from org when it issues a token
      expectRetryable(await p.gql('mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: t.orgId }, bearer(t.tokens.admin)), 'switchOrganization');
    } finally {
      await pg.start();
    }
    let again: GraphQLResponse<unknown> | undefined;
    for (let i = 0; i < 50 && !again?.data; i++) {
      again = await p.gql(organization, {}, bearer(t.tokens.member));
      if (again.errors) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(again?.errors).toBeUndefined();
  }, 120_000);
});
