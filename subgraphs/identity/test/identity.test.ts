import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { identity } from '../src/index.ts';
import { base32Decode, hotp, totpStep } from '../src/security/index.ts';
import { PASSWORD, principalOf, signUp } from './fixtures.ts';

let p: SubgraphTest;
let t: Tenant;
beforeAll(async () => {
  p = await startSubgraphTest(identity, { peers: [org] });
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
      p.execute('mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }', { input: { email: e, password: PASSWORD } }),
    ));
    expect(attempts.filter((r) => !r.errors).length).toBe(1);
    expect(attempts.filter((r) => r.errors?.[0]?.extensions?.code === 'EMAIL_TAKEN').length).toBe(2);
    const signIn = await p.execute(SIGN_IN, { input: { email: email.toLowerCase(), password: PASSWORD } });
    expect(signIn.errors).toBeUndefined();
  });

  it('a weak password or a bad email is BAD_USER_INPUT; a wrong password is INVALID_CREDENTIALS', async () => {
    const weak = await p.execute('mutation { signUp(input: { email: "weak@test.etika.dev", password: "short" }) { userId } }');
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await p.execute('mutation { signUp(input: { email: "not-an-email", password: "long enough password" }) { userId } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrong = await p.execute(SIGN_IN, { input: { email: 'nobody@test.etika.dev', password: 'whatever password' } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('TOTP', () => {
  it('enrols, requires the second step, accepts one step back, refuses replays and two steps back', async () => {
    const email = `totp.${Date.now()}@test.etika.dev`;
    const me = await principalOf(p, (await signUp(p, email)).accessToken);
    const enrolment = dataOrThrow(await p.execute<{ enrollTotp: { secret: string; otpauthUri: string } }>('mutation { enrollTotp { secret otpauthUri } }', {}, me)).enrollTotp;
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Etika:/);
    const now = totpStep(Date.now());
    const wrongConfirm = await p.execute('mutation($c: String!) { confirmTotp(code: $c) { codes } }', { c: '000000' === codeAt(enrolment.secret, now) ? '111111' : '000000' }, me);
    expect(wrongConfirm.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');
    const confirmed = dataOrThrow(await p.execute<{ confirmTotp: { codes: string[] } }>('mutation($c: String!) { confirmTotp(code: $c) { codes } }', { c: codeAt(enrolment.secret, now - 1) }, me));
    expect(confirmed.confirmTotp.codes).toHaveLength(10);

    const start = async () => dataOrThrow(await p.execute<{ signIn: { mfaRequired: boolean; mfaToken: string; session: unknown } }>(SIGN_IN, { input: { email, password: PASSWORD } })).signIn;
    const first = await start();
    expect(first).toMatchObject({ mfaRequired: true, session: null });

    // the step already used to confirm cannot be used again
    const replayOfConfirm = await p.execute(COMPLETE, { m: first.mfaToken, c: codeAt(enrolment.secret, now - 1) });
    expect(replayOfConfirm.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');
    const twoBack = await p.execute(COMPLETE, { m: first.mfaToken, c: codeAt(enrolment.secret, totpStep(Date.now()) - 2) });
    expect(twoBack.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');

    const current = codeAt(enrolment.secret, totpStep(Date.now()));
    const ok = await p.execute<{ completeMfaSignIn: { accessToken: string } }>(COMPLETE, { m: first.mfaToken, c: current });
    expect(ok.data?.completeMfaSignIn.accessToken).toBeTruthy();
    const replay = await p.execute(COMPLETE, { m: (await start()).mfaToken, c: current });
    expect(replay.errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');

    // a recovery code works once
    const recovery = confirmed.confirmTotp.codes[0]!.toUpperCase();
    expect((await p.execute(COMPLETE, { m: (await start()).mfaToken, c: recovery })).errors).toBeUndefined();
    expect((await p.execute(COMPLETE, { m: (await start()).mfaToken, c: recovery })).errors?.[0]?.extensions?.code).toBe('INVALID_MFA_CODE');
  });
});

describe('refresh tokens', () => {
  const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';

  it('rotate on every use; reusing an old one revokes the whole family', async () => {
    const email = `rotate.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const signIn = await p.execute<{ signIn: { session: { refreshToken: string } } }>(
      'mutation($input: CredentialsInput!) { signIn(input: $input) { session { refreshToken } } }',
      { input: { email, password: PASSWORD } },
    );
    const first = dataOrThrow(signIn).signIn.session.refreshToken;
    const second = dataOrThrow(await p.execute<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: first })).refreshSession.refreshToken;
    expect(second).not.toBe(first);
    const third = dataOrThrow(await p.execute<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: second })).refreshSession.refreshToken;

    const reuse = await p.execute(REFRESH, { t: first });
    expect(reuse.errors?.[0]?.extensions?.code).toBe('SESSION_EXPIRED');
    // the family is gone: even the newest token no longer works
    const after = await p.execute(REFRESH, { t: third });
    expect(after.errors?.[0]?.extensions?.code).toBe('SESSION_EXPIRED');
  });

  it('of two concurrent uses of one token exactly one wins, and the race counts as reuse', async () => {
    const email = `race.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const first = dataOrThrow(await p.execute<{ signIn: { session: { refreshToken: string } } }>(
      'mutation($input: CredentialsInput!) { signIn(input: $input) { session { refreshToken } } }',
      { input: { email, password: PASSWORD } },
    )).signIn.session.refreshToken;
    const results = await Promise.all([p.execute(REFRESH, { t: first }), p.execute(REFRESH, { t: first })]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'SESSION_EXPIRED').length).toBe(1);
  });

  it('signing out ends the refresh token', async () => {
    const email = `signout.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const s = dataOrThrow(await p.execute<{ signIn: { session: { accessToken: string; refreshToken: string } } }>(
      'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken refreshToken } } }',
      { input: { email, password: PASSWORD } },
    )).signIn.session;
    dataOrThrow(await p.execute('mutation { signOut }', {}, await principalOf(p, s.accessToken)));
    expect((await p.execute(REFRESH, { t: s.refreshToken })).errors?.[0]?.extensions?.code).toBe('SESSION_EXPIRED');
  });
});

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
