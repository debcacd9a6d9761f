import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Rights, generateKeyPairs, importPrivateKey, keysFor, openDatabase, queryRows, signPrincipalToken, type Database, type KeyPairs } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { EVENT_TYPES, SUPERGRAPH_PATH, scopesForRole, type Role } from '@etika/schema';
import { LinkOpener } from '@etika/notification';
import { startPlatform, type Platform, type PlatformOptions } from './platform.ts';
import { SIGNING_SERVICES } from './registry.ts';
import { bearer, dataOrThrow, graphql } from './client.ts';
import { inviteAndAccept } from './seed.ts';

export interface TestPlatform extends Platform {
  /** Every service's key pair, so a test can sign what a service would (or a forger could not). */
  readonly keys: KeyPairs;
  /** Started as in production: people sign up only through the mailed link (`signUp` below does). */
  readonly production: boolean;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): ReturnType<typeof graphql<T>>;
}

export type TestPlatformOptions = Partial<Pick<PlatformOptions, 'rejectUnauthorized' | 'production' | 'webDist' | 'settings' | 'gatewayPort' | 'edge'>>;

/**
 * The whole platform for one test file: real subgraphs and gateway over HTTP on free ports, PGlite in memory
 * by default or a fresh database on the `DATABASE_URL` server (dropped at the end), Redis when `REDIS_URL` is set.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const keys = await generateKeyPairs(SIGNING_SERVICES);
  // one in-memory PGlite for the whole platform (each subgraph in its own schema), or a pool per subgraph on a
  // fresh database of the `DATABASE_URL` server
  const test = await createTestDatabase();
  const openDb: (name: string) => Promise<Database> = test.url ? () => openDatabase({ url: test.url!, maxConnections: 4 }) : async () => test.database;
  const platform = await startPlatform({
    keys: async (service, needs) => keysFor(keys, service, needs),
    openDatabase: openDb,
    redisUrl: process.env['REDIS_URL'],
    storeNamespace: `test-${randomUUID()}-`,
    supergraphPath: SUPERGRAPH_PATH,
    gatewayPort: 0,
    freePorts: true,
    logLevel: 'silent',
    ...options,
    // every test person signs up from the one loopback address
    settings: { CHECKPOINT_INTERVAL_MS: 200, SIGN_UP_LIMIT_PER_ADDRESS: 100_000, ...options.settings },
    production: options.production ?? false,
    rejectUnauthorized: options.rejectUnauthorized ?? false,
  });
  return {
    ...platform,
    keys,
    production: options.production ?? false,
    gql: (query, variables = {}, headers = {}) => graphql(platform.gatewayUrl, query, variables, headers),
    close: async () => {
      // the platform closes the databases it was given; on a server, the test's own pool and database remain
      await platform.close();
      if (test.url) await test.close();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

export async function signUp(p: TestPlatform, email: string): Promise<{ token: string; userId: string }> {
  if (p.production) return signUpByMail(p, email);
  const r = await p.gql<{ signUp: { accessToken: string; userId: string } }>(
    'mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken userId } }',
    { input: { email, password: PASSWORD } },
  );
  const { signUp: s } = dataOrThrow(r);
  return { token: s.accessToken, userId: s.userId };
}

/**
 * Sign-up as production allows it: `requestSignUp`, then `completeSignUp` with the link's secret, which the test
 * reads where the mail starts from (identity's outbox event, sealed for notification's key), as the person would
 * read it in their mailbox.
 */
async function signUpByMail(p: TestPlatform, email: string): Promise<{ token: string; userId: string }> {
  dataOrThrow(await p.gql('mutation($input: SignUpRequestInput!) { requestSignUp(input: $input) }', { input: { email, password: PASSWORD, language: 'EN' } }));
  const rows = await p.databases.identity.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', 'outbox-relay', true)`);
    return queryRows<{ sealed: string | null }>(
      tx,
      sql`select payload->>'sealedToken' as sealed from identity.outbox where type = ${EVENT_TYPES.identityMailRequested}
          and payload->>'email' = ${email} and payload->>'kind' = 'verify-email' order by occurred_at desc limit 1`,
    );
  });
  const sealed = rows[0]?.sealed;
  const secret = sealed ? new LinkOpener(p.keys['notification']!.privateJwk!).open(sealed, 'verify-email', email) : null;
  if (!secret) throw new Error(`no sign-up link was mailed to ${email}`);
  const r = await p.gql<{ completeSignUp: { accessToken: string; userId: string } }>('mutation($t: String!) { completeSignUp(token: $t) { accessToken userId } }', { t: secret });
  const { completeSignUp: s } = dataOrThrow(r);
  return { token: s.accessToken, userId: s.userId };
}

export async function switchTo(p: TestPlatform, token: string, orgId: string): Promise<string> {
  const r = await p.gql<{ switchOrganization: { accessToken: string } }>(
    'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }',
    { id: orgId },
    bearer(token),
  );
  return dataOrThrow(r).switchOrganization.accessToken;
}

export interface Tenant {
  readonly orgId: string;
  /** Access tokens acting in this organisation, by role. */
  readonly tokens: Record<'owner' | 'admin' | 'member' | 'auditor', string>;
  readonly userIds: Record<'owner' | 'admin' | 'member' | 'auditor', string>;
  readonly membershipIds: Record<'owner' | 'admin' | 'member' | 'auditor', string>;
}

/** An organisation with an owner, an admin, a member and an auditor, each signed in and acting in it. */
export async function seedTenant(p: TestPlatform, label: string): Promise<Tenant> {
  const roles = ['owner', 'admin', 'member', 'auditor'] as const;
  const people = {} as Record<(typeof roles)[number], { token: string; userId: string }>;
  for (const role of roles) people[role] = await signUp(p, `${role}.${label}.${randomUUID().slice(0, 8)}@test.etika.dev`);
  const created = dataOrThrow(
    await p.gql<{ createOrganization: { id: string } }>(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      { input: { name: `Org ${label}` } },
      bearer(people.owner.token),
    ),
  );
  const orgId = created.createOrganization.id;
  const ownerToken = await switchTo(p, people.owner.token, orgId);
  const membershipIds = {} as Tenant['membershipIds'];
  const emails = await Promise.all(roles.map(async (role) => {
    const me = dataOrThrow(await p.gql<{ me: { email: string } }>('{ me { email } }', {}, bearer(people[role].token)));
    return me.me.email;
  }));
  for (const [i, role] of roles.entries()) {
    if (role === 'owner') continue;
    membershipIds[role] = await inviteAndAccept(p.gatewayUrl, ownerToken, { email: emails[i]!, token: people[role].token }, role.toUpperCase());
  }
  const tokens = { owner: ownerToken } as Tenant['tokens'];
  for (const role of roles) if (role !== 'owner') tokens[role] = await switchTo(p, people[role].token, orgId);
  const members = dataOrThrow(
    await p.gql<{ organization: { members: { id: string; role: string; user: { id: string } }[] } }>(
      'query($id: ID!) { organization(id: $id) { members { id role user { id } } } }',
      { id: orgId },
      bearer(ownerToken),
    ),
  );
  membershipIds.owner = members.organization.members.find((m) => m.role === 'OWNER')!.id;
  const userIds = Object.fromEntries(roles.map((r) => [r, people[r].userId])) as Tenant['userIds'];
  return { orgId, tokens, userIds, membershipIds };
}

/**
 * A principal token as the gateway would sign it for one of a tenant's people, with their rights as they are now:
 * for calling a subgraph directly, the way a request that bypassed the gateway's own checks would arrive.
 */
export async function principalTokenFor(p: Platform & { readonly keys: KeyPairs }, tenant: Pick<Tenant, 'orgId'>, userId: string, role: Role): Promise<string> {
  const key = await importPrivateKey(p.keys['gateway']!.privateJwk);
  const epoch = await new Rights(p.rightsStore).membershipEpoch(userId, tenant.orgId);
  const issuedAt = Math.floor(Date.now() / 1000);
  return signPrincipalToken(key, { kind: 'user', userId, sessionId: userId, orgId: tenant.orgId, role, scopes: scopesForRole(role), epoch, issuedAt });
}
