import { importPublicKey, verifyToken } from '@etika/kit';
import { dataOrThrow, type SubgraphTest, type TestSubgraph } from '@etika/kit/testing';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, accessTokenClaims, type Principal } from '@etika/schema';

export const PASSWORD = 'correct horse battery staple';

const SIGN_UP = 'mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken userId } }';

/** A new account through identity's API: its first access token and its id. */
export async function signUp(identity: TestSubgraph, email: string): Promise<{ accessToken: string; userId: string }> {
  const r = await identity.execute<{ signUp: { accessToken: string; userId: string } }>(SIGN_UP, { input: { email, password: PASSWORD } });
  return dataOrThrow(r).signUp;
}

/** The principal the gateway makes of an access token identity issued (after checking its signature). */
export async function principalOf(test: SubgraphTest, accessToken: string): Promise<Principal> {
  const key = await importPublicKey(test.keys['identity']!.publicJwk);
  const payload = await verifyToken(key, accessToken, { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access });
  const claims = accessTokenClaims.parse(payload);
  return { kind: 'user', userId: claims.sub, sessionId: claims.sid, orgId: claims.org, role: claims.role, scopes: claims.scp, epoch: claims.ep, issuedAt: payload.iat ?? 0 };
}
