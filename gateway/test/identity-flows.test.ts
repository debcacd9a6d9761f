import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../subgraphs/identity/src/security/index.ts';
import { bearer, dataOrThrow } from '@etika/platform';
import { PASSWORD, seedTenant, signUp, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'flows');
});
afterAll(() => p?.close());

const SIGN_IN = 'mutation($input: CredentialsInput!) { signIn(input: $input) { mfaRequired mfaToken session { accessToken } } }';
const COMPLETE = 'mutation($m: String!, $c: String!) { completeMfaSignIn(mfaToken: $m, code: $c) { accessToken } }';
const codeAt = (secret: string, step: number) => hotp(base32Decode(secret), step);

describe('sign-up and sign-in', () => {
  it('normalises the email and gives one account per address, even concurrently', async () => {
    const email = `Dup.${Date.now()}@Test.Etika.dev`;
    const attempts = await Promise.all([email, ` ${email.toLowerCase()} `, email.toUpperCase()].map((e) =>
      p.gql('mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }', { input: { email: e, password: PASSWORD } }),
    ));
    expect(attempts.filter((r) => !r.errors).length).toBe(1);
    expect(attempts.filter((r) => r.errors?.[0]?.extensions?.code === 'EMAIL_TAKEN').length).toBe(2);
    const signIn = await p.gql(SIGN_IN, { input: { email: email.toLowerCase(), password: PASSWORD } });
    expect(signIn.errors).toBeUndefined();
  });

  it('a weak password or a bad email is BAD_USER_INPUT; a wrong password is INVALID_CREDENTIALS', async () => {
    const weak = await p.gql('mutation { signUp(input: { email: "weak@test.etika.dev", password: "short" }) { userId } }');
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await p.gql('mutation { signUp(input: { email: "not-an-email", password: "long enough password" }) { userId } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrong = await p.gql(SIGN_IN, { input: { email: 'nobody@test.etika.dev', password: 'whatever password' } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles repeated failed sign-ins for one account', async () => {
    const email = `throttle.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 12; i++) codes.push((await p.gql(SIGN_IN, { input: { email, password: 'wrong password!' } })).errors?.[0]?.extensions?.code);
    expect(codes.slice(0, 10).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(codes.slice(10)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    // even the right password waits for the window to pass
    expect((await p.gql(SIGN_IN, { input: { email, password: PASSWORD } })).errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('TOTP', () => {
  it('enrols, requires the second step, accepts one step back, refuses replays and two steps back', async () => {
    const email = `totp.${Date.now()}@test.etika.dev`;
    const { token } = await signUp(p, email);
    const enrolment = dataOrThrow(await p.gql<{ enrollTotp: { secret: string; otpauthUri: string } }>('mutation { enrollTotp { secret otpauthUri } }', {}, bearer(token))).enrollTotp;
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Etika:/);
    const now = totpStep(Date.now());
    const wrongConfirm = await p.gql('mutation($c: String!) { confirmTotp(code: $c) { codes } }', { c: '000000' === codeAt(enrolment.secret, now) ? '111111' : '000000' }, bearer(token));
    expect(wrongConfirm.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');
    const confirmed = dataOrThrow(await p.gql<{ confirmTotp: { codes: string[] } }>('mutation($c: String!) { confirmTotp(code: $c) { codes } }', { c: codeAt(enrolment.secret, now - 1) }, bearer(token)));
    expect(confirmed.confirmTotp.codes).toHaveLength(10);

    const start = async () => dataOrThrow(await p.gql<{ signIn: { mfaRequired: boolean; mfaToken: string; session: unknown } }>(SIGN_IN, { input: { email, password: PASSWORD } })).signIn;
    const first = await start();
    expect(first).toMatchObject({ mfaRequired: true, session: null });

    // the step already used to confirm cannot be used again
    const replayOfConfirm = await p.gql(COMPLETE, { m: first.mfaToken, c: codeAt(enrolment.secret, now - 1) });
    expect(replayOfConfirm.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');
    const twoBack = await p.gql(COMPLETE, { m: first.mfaToken, c: codeAt(enrolment.secret, totpStep(Date.now()) - 2) });
    expect(twoBack.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');

    const current = codeAt(enrolment.secret, totpStep(Date.now()));
    const ok = await p.gql<{ completeMfaSignIn: { accessToken: string } }>(COMPLETE, { m: first.mfaToken, c: current });
    expect(ok.data?.completeMfaSignIn.accessToken).toBeTruthy();
    const replay = await p.gql(COMPLETE, { m: (await start()).mfaToken, c: current });
    expect(replay.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');

    // a recovery code works once
    const recovery = confirmed.confirmTotp.codes[0]!.toUpperCase();
    expect((await p.gql(COMPLETE, { m: (await start()).mfaToken, c: recovery })).errors).toBeUndefined();
    expect((await p.gql(COMPLETE, { m: (await start()).mfaToken, c: recovery })).errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');
  });
});

describe('partner API keys', () => {
  const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix scopes lastUsedAt } } }';

  it('shows the secret once with a visible prefix, acts as partner in one organisation, and stops at once when revoked', async () => {
    const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string; scopes: string[] } } }>(
      CREATE, { input: { name: 'crm', scopes: ['org:read', 'members:read'] } }, bearer(t.tokens.admin),
    )).createApiKey;
    expect(created.secret.startsWith(`${created.apiKey.prefix}_`)).toBe(true);
    expect(created.apiKey.prefix).toMatch(/^etk_live_[a-z0-9]{8}$/);
    const use = await p.gql<{ organization: { members: unknown[] } }>('query($id: ID!) { organization(id: $id) { members { id } } }', { id: t.orgId }, { 'x-api-key': created.secret });
    expect(use.data?.organization.members).toHaveLength(4);
    const listed = dataOrThrow(await p.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>('{ apiKeys { id lastUsedAt } }', {}, bearer(t.tokens.owner)));
    expect(listed.apiKeys.find((k) => k.id === created.apiKey.id)?.lastUsedAt).not.toBeNull();
    // the bearer form works too
    expect((await p.gql('{ __typename }', {}, bearer(created.secret))).status).toBe(200);

    dataOrThrow(await p.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: created.apiKey.id }, bearer(t.tokens.owner)));
    const after = await p.gql('{ __typename }', {}, { 'x-api-key': created.secret });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an expired key is refused', async () => {
    const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string } }>(
      CREATE, { input: { name: 'short-lived', scopes: ['org:read'], expiresAt: new Date(Date.now() + 1_500).toISOString() } }, bearer(t.tokens.admin),
    )).createApiKey;
    expect((await p.gql('{ __typename }', {}, { 'x-api-key': created.secret })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_700));
    expect((await p.gql('{ __typename }', {}, { 'x-api-key': created.secret })).status).toBe(401);
  });

  it('only partner-grantable scopes the creator holds; never key or member management', async () => {
    for (const scopes of [['apikeys:manage'], ['members:manage'], ['not:a:scope'], []]) {
      const r = await p.gql(CREATE, { input: { name: 'x', scopes } }, bearer(t.tokens.admin));
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const unknownKey = await p.gql('{ __typename }', {}, { 'x-api-key': 'etk_live_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknownKey.status).toBe(401);
  });
});

describe('organisations and members', () => {
  it('switching organisation changes the token claims; the last owner cannot leave', async () => {
    const { token } = await signUp(p, `founder.${Date.now()}@test.etika.dev`);
    const org = dataOrThrow(await p.gql<{ createOrganization: { id: string } }>('mutation { createOrganization(input: { name: "Solo", brandColor: "#112233" }) { id } }', {}, bearer(token))).createOrganization;
    const switched = dataOrThrow(await p.gql<{ switchOrganization: { accessToken: string; organizationId: string } }>(
      'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken organizationId } }', { id: org.id }, bearer(token),
    )).switchOrganization;
    expect(switched.organizationId).toBe(org.id);
    const claims = JSON.parse(Buffer.from(switched.accessToken.split('.')[1]!, 'base64url').toString()) as { org: string; role: string; scp: string[] };
    expect(claims).toMatchObject({ org: org.id, role: 'owner' });
    expect(claims.scp).toContain('org:delete');
    const leave = await p.gql('mutation($id: ID!) { leaveOrganization(organizationId: $id) { id } }', { id: org.id }, bearer(switched.accessToken));
    expect(leave.errors?.[0]?.extensions?.code).toBe('LAST_OWNER');
    const foreign = await p.gql('mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: t.orgId }, bearer(token));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('User.memberships and Organization.members resolve across identity and org', async () => {
    const r = dataOrThrow(await p.gql<{ me: { email: string; memberships: { role: string; organization: { id: string; members: { user: { email: string } }[] } }[] } }>(
      '{ me { email memberships { role organization { id members { user { email } } } } } }', {}, bearer(t.tokens.member),
    ));
    const here = r.me.memberships.find((m) => m.organization.id === t.orgId);
    expect(here?.role).toBe('MEMBER');
    expect(here?.organization.members.map((m) => m.user.email)).toContain(r.me.email);
    expect(here?.organization.members).toHaveLength(4);
  });

  it('an admin cannot make an owner; nobody removes the last owner', async () => {
    const promote = await p.gql('mutation($m: ID!) { changeMemberRole(membershipId: $m, role: OWNER) { id } }', { m: t.membershipIds.member }, bearer(t.tokens.admin));
    expect(promote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const demoteOwner = await p.gql('mutation($m: ID!) { changeMemberRole(membershipId: $m, role: MEMBER) { id } }', { m: t.membershipIds.owner }, bearer(t.tokens.owner));
    expect(demoteOwner.errors?.[0]?.extensions?.code).toBe('LAST_OWNER');
  });
});
