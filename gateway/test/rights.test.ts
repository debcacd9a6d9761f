import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER } from '@etika/schema';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { PASSWORD, principalTokenFor, seedTenant, startTestPlatform, switchTo, type Tenant, type TestPlatform } from '@etika/platform/testing';

/**
 * A change of rights takes effect on the next request: each sequence below was observed to work with the access
 * token from before the change, for up to ten minutes.
 */
let p: TestPlatform;
let t: Tenant;
let tokenId: string;

const ISSUE = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const INVITE = 'mutation($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }';
const CHANGE = 'mutation($id: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $id, role: $role) { id role } }';
const REMOVE = 'mutation($id: ID!) { removeMember(membershipId: $id) { id } }';
const SIGN_IN = 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken refreshToken } } }';
const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const issue = (token: string, toUserId: string) => p.gql(ISSUE, { input: { tokenId, amount: '5', toUserId, idempotencyKey: randomUUID() } }, bearer(token));
const email = async (token: string) => dataOrThrow(await p.gql<{ me: { email: string } }>('{ me { email } }', {}, bearer(token))).me.email;

async function signIn(address: string) {
  return dataOrThrow(await p.gql<{ signIn: { session: { accessToken: string; refreshToken: string } } }>(SIGN_IN, { input: { email: address, password: PASSWORD } })).signIn.session;
}

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.close());
beforeEach(async () => {
  t = await seedTenant(p, `rights-${randomUUID().slice(0, 6)}`);
  tokenId = dataOrThrow(await p.gql<{ defineToken: { id: string } }>('mutation { defineToken(input: { name: "Points", symbol: "PTS", decimals: 0 }) { id } }', {}, bearer(t.tokens.owner))).defineToken.id;
});

describe('a removed admin, with the access token from before the removal', () => {
  it('can no longer issue tokens, create an API key or add themselves back; refreshing gives them no role there', async () => {
    const adminEmail = await email(t.tokens.admin);
    dataOrThrow(await issue(t.tokens.admin, t.userIds.member));
    dataOrThrow(await p.gql(REMOVE, { id: t.membershipIds.admin }, bearer(t.tokens.owner)));

    const issued = await issue(t.tokens.admin, t.userIds.member);
    expect(issued.status).toBe(401);
    expect(code(issued)).toBe('RIGHTS_CHANGED');
    expect(code(await p.gql(CREATE_KEY, { input: { name: 'escape hatch', scopes: ['token:issue', 'members:read'] } }, bearer(t.tokens.admin)))).toBe('RIGHTS_CHANGED');
    expect(code(await p.gql(INVITE, { email: adminEmail, role: 'ADMIN' }, bearer(t.tokens.admin)))).toBe('RIGHTS_CHANGED');

    const members = dataOrThrow(await p.gql<{ organization: { members: { user: { id: string } }[] } }>('query($id: ID!) { organization(id: $id) { members { user { id } } } }', { id: t.orgId }, bearer(t.tokens.owner)));
    expect(members.organization.members.map((m) => m.user.id)).not.toContain(t.userIds.admin);
    const keys = dataOrThrow(await p.gql<{ apiKeys: unknown[] }>('{ apiKeys { id } }', {}, bearer(t.tokens.owner)));
    expect(keys.apiKeys).toEqual([]);
  });

  it('is refused by the subgraphs too, when a principal token from before the change reaches them directly', async () => {
    const before = await principalTokenFor(p, t, t.userIds.admin, 'admin');
    const direct = (principal: string) => graphql(p.subgraphUrls.token, ISSUE, { input: { tokenId, amount: '5', toUserId: t.userIds.member, idempotencyKey: randomUUID() } }, { [PRINCIPAL_HEADER]: principal });
    expect((await direct(before)).errors).toBeUndefined();
    dataOrThrow(await p.gql(REMOVE, { id: t.membershipIds.admin }, bearer(t.tokens.owner)));
    const refused = await direct(before);
    expect(refused.status).toBe(401);
    expect(code(refused)).toBe('RIGHTS_CHANGED');
  });
});

describe('a demoted admin, with the access token from before the demotion', () => {
  it('cannot promote themselves back; after a refresh they act as a member', async () => {
    const session = await signIn(await email(t.tokens.admin));
    const adminToken = await switchTo(p, session.accessToken, t.orgId);
    dataOrThrow(await p.gql(CHANGE, { id: t.membershipIds.admin, role: 'MEMBER' }, bearer(t.tokens.owner)));

    const promoted = await p.gql(CHANGE, { id: t.membershipIds.admin, role: 'ADMIN' }, bearer(adminToken));
    expect(promoted.status).toBe(401);
    expect(code(promoted)).toBe('RIGHTS_CHANGED');

    const refreshed = dataOrThrow(await p.gql<{ refreshSession: { accessToken: string } }>(REFRESH, { t: session.refreshToken }));
    const again = await p.gql(CHANGE, { id: t.membershipIds.admin, role: 'ADMIN' }, bearer(refreshed.refreshSession.accessToken));
    expect(code(again)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const role = dataOrThrow(await p.gql<{ organization: { members: { id: string; role: string }[] } }>('query($id: ID!) { organization(id: $id) { members { id role } } }', { id: t.orgId }, bearer(t.tokens.owner)));
    expect(role.organization.members.find((m) => m.id === t.membershipIds.admin)?.role).toBe('MEMBER');
  });
});

describe('signing out', () => {
  it('stops the access token at once: me and createOrganization are refused', async () => {
    dataOrThrow(await p.gql('mutation { signOut }', {}, bearer(t.tokens.member)));
    const me = await p.gql('{ me { id } }', {}, bearer(t.tokens.member));
    expect(me.status).toBe(401);
    expect(code(me)).toBe('SESSION_REVOKED');
    expect(code(await p.gql('mutation { createOrganization(input: { name: "After sign-out" }) { id } }', {}, bearer(t.tokens.member)))).toBe('SESSION_REVOKED');
  });

  it('everywhere: every session of the person stops, and the list of sessions says which are open', async () => {
    const address = await email(t.tokens.auditor);
    const laptop = await signIn(address);
    const phone = await signIn(address);
    const sessions = dataOrThrow(await p.gql<{ mySessions: { id: string; current: boolean }[] }>('{ mySessions { id current } }', {}, bearer(laptop.accessToken)));
    expect(sessions.mySessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.mySessions.length).toBeGreaterThanOrEqual(3);

    const other = sessions.mySessions.find((s) => !s.current)!;
    expect(dataOrThrow(await p.gql<{ signOutSession: boolean }>('mutation($id: ID!) { signOutSession(sessionId: $id) }', { id: other.id }, bearer(laptop.accessToken))).signOutSession).toBe(true);
    const ended = dataOrThrow(await p.gql<{ signOutEverywhere: number }>('mutation { signOutEverywhere }', {}, bearer(laptop.accessToken))).signOutEverywhere;
    expect(ended).toBeGreaterThanOrEqual(2);
    for (const token of [laptop.accessToken, phone.accessToken, t.tokens.auditor]) expect(code(await p.gql('{ me { id } }', {}, bearer(token)))).toBe('SESSION_REVOKED');
    expect(code(await p.gql(REFRESH, { t: phone.refreshToken }))).toBe('SESSION_EXPIRED');
  });
});

describe('a detected refresh-token reuse', () => {
  it('revokes the session, including the access token minted from the rotated refresh token', async () => {
    const session = await signIn(await email(t.tokens.member));
    const rotated = dataOrThrow(await p.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: session.refreshToken })).refreshSession;
    expect((await p.gql('{ me { id } }', {}, bearer(rotated.accessToken))).errors).toBeUndefined();
    expect(code(await p.gql(REFRESH, { t: session.refreshToken }))).toBe('SESSION_EXPIRED');
    expect(code(await p.gql('{ me { id } }', {}, bearer(rotated.accessToken)))).toBe('SESSION_REVOKED');
    expect(code(await p.gql(REFRESH, { t: rotated.refreshToken }))).toBe('SESSION_EXPIRED');
  });
});

describe('a removed member', () => {
  it('no longer receives tokens, though they received some a moment before', async () => {
    dataOrThrow(await issue(t.tokens.owner, t.userIds.member));
    dataOrThrow(await p.gql(REMOVE, { id: t.membershipIds.member }, bearer(t.tokens.owner)));
    expect(code(await issue(t.tokens.owner, t.userIds.member))).toBe('NOT_FOUND');
  });
});

describe('when the rights store forgets (a Redis restart)', () => {
  it('refuses tokens issued before it forgot, and accepts the ones refreshed after', async () => {
    const session = await signIn(await email(t.tokens.member));
    await new Promise((r) => setTimeout(r, 1_100));
    // what a restart does to every key, revocations and epochs included: the floor goes with them
    await p.rightsStore.delete('floor');
    for (const token of [t.tokens.member, session.accessToken]) {
      const forgotten = await p.gql('{ me { id } }', {}, bearer(token));
      expect(forgotten.status).toBe(401);
      expect(code(forgotten)).toBe('RIGHTS_CHANGED');
    }
    const refreshed = dataOrThrow(await p.gql<{ refreshSession: { accessToken: string } }>(REFRESH, { t: session.refreshToken }));
    expect((await p.gql('{ me { id } }', {}, bearer(refreshed.refreshSession.accessToken))).errors).toBeUndefined();
  });
});
