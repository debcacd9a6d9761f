import { describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@etika/schema';
import { generateSigningKeyPair, importPrivateKey, importPublicKey, principalVerifier, signPrincipalToken, signToken } from '../src/index.ts';

const user = { kind: 'user', userId: '00000000-0000-4000-8000-000000000001', sessionId: '00000000-0000-4000-8000-000000000002', orgId: null, role: null, scopes: [], epoch: 0, issuedAt: 1_790_000_000 } as const;

describe('principal tokens', () => {
  it('round-trip, and a remembered token is still refused once it has expired', async () => {
    const keys = await generateSigningKeyPair();
    const sign = await importPrivateKey(keys.privateJwk);
    const verify = principalVerifier(await importPublicKey(keys.publicJwk));
    const token = await signPrincipalToken(sign, user);
    expect(await verify(token)).toEqual(user);
    expect(await verify(token)).toEqual(user);
    const shortLived = await signToken(sign, { knd: 'user', sub: user.userId, sid: user.sessionId, org: null, role: null, scp: [] }, {
      issuer: TOKEN_ISSUER.gateway,
      audience: TOKEN_AUDIENCE.subgraph,
      expiresInSeconds: -10,
    });
    await expect(verify(shortLived)).rejects.toThrow();
  });

  it('refuses tokens signed by another key or with claims outside the catalogue', async () => {
    const [ours, theirs] = [await generateSigningKeyPair(), await generateSigningKeyPair()];
    const verify = principalVerifier(await importPublicKey(ours.publicJwk));
    await expect(verify(await signPrincipalToken(await importPrivateKey(theirs.privateJwk), user))).rejects.toThrow();
    const forgedScope = await signToken(await importPrivateKey(ours.privateJwk), { knd: 'user', sub: user.userId, sid: user.sessionId, org: null, role: null, scp: ['root:everything'] }, {
      issuer: TOKEN_ISSUER.gateway,
      audience: TOKEN_AUDIENCE.subgraph,
      expiresInSeconds: 60,
    });
    await expect(verify(forgedScope)).rejects.toThrow();
  });
});
