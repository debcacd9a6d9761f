import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@etika/schema';
import { importPrivateKey, signToken } from '@etika/kit';
import { bearer, dataOrThrow } from '@etika/platform';
import { PASSWORD, seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'auth');
});
afterAll(() => p?.close());

const ME = '{ me { id } }';
const claims = (userId: string) => ({ sid: userId, org: null, role: null, scp: [] });

async function expectUnauthenticated(headers: Record<string, string>): Promise<void> {
  const r = await p.gql(ME, {}, headers);
  expect(r.status).toBe(401);
  expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(r.data ?? null).toBeNull();
}

describe('access tokens at the gateway', () => {
  it('a valid token works', async () => {
    const r = await p.gql<{ me: { id: string } }>(ME, {}, bearer(t.tokens.member));
    expect(r.data?.me.id).toBe(t.userIds.member);
  });

  it('refuses alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const body = Buffer.from(JSON.stringify({ ...claims(t.userIds.member), sub: t.userIds.member, iss: TOKEN_ISSUER.identity, aud: TOKEN_AUDIENCE.access, iat: now, exp: now + 600 })).toString('base64url');
    await expectUnauthenticated(bearer(`${header}.${body}.`));
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await signToken(privateKey, claims(t.userIds.member), { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access, subject: t.userIds.member, expiresInSeconds: 600 });
    await expectUnauthenticated(bearer(forged));
  });

  it('refuses an HS256 token made with the public key as secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519' })).publicKey)));
    const forged = await new SignJWT({ ...claims(t.userIds.member), sub: t.userIds.member })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER.identity).setAudience(TOKEN_AUDIENCE.access).setIssuedAt().setExpirationTime('10m').sign(secret);
    await expectUnauthenticated(bearer(forged));
  });

  it('refuses an expired token', async () => {
    const key = await importPrivateKey(p.keys['identity']!.privateJwk);
    const expired = await signToken(key, claims(t.userIds.member), { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access, subject: t.userIds.member, expiresInSeconds: -60 });
    await expectUnauthenticated(bearer(expired));
  });

  it('refuses the wrong audience (e.g. the gateway-to-subgraph token) and the wrong issuer', async () => {
    const key = await importPrivateKey(p.keys['identity']!.privateJwk);
    const wrongAud = await signToken(key, claims(t.userIds.member), { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.subgraph, subject: t.userIds.member, expiresInSeconds: 600 });
    await expectUnauthenticated(bearer(wrongAud));
    const wrongIss = await signToken(key, claims(t.userIds.member), { issuer: TOKEN_ISSUER.gateway, audience: TOKEN_AUDIENCE.access, subject: t.userIds.member, expiresInSeconds: 600 });
    await expectUnauthenticated(bearer(wrongIss));
  });

  it('refuses a refresh token used as an access token, and garbage', async () => {
    const r = await p.gql<{ signIn: { session: { refreshToken: string } } }>(
      'mutation($input: CredentialsInput!) { signIn(input: $input) { session { refreshToken } } }',
      { input: { email: (await p.gql<{ me: { email: string } }>('{ me { email } }', {}, bearer(t.tokens.admin))).data!.me.email, password: PASSWORD } },
    );
    await expectUnauthenticated(bearer(dataOrThrow(r).signIn.session.refreshToken));
    await expectUnauthenticated(bearer('not-a-token'));
    await expectUnauthenticated({ authorization: 'Basic dXNlcjpwYXNz' });
  });

  it('a tampered payload fails the signature', async () => {
    const [h, , s] = t.tokens.member.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: t.userIds.member, role: 'owner', scp: ['apikeys:manage'] })).toString('base64url');
    await expectUnauthenticated(bearer(`${h}.${payload}.${s}`));
  });
});
