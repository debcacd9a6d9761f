import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
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

/**
 * What the notification subgraph reads of a mail request: the link's secret, opened with notification's private
 * key (X25519 of its Ed25519 key, HKDF-SHA256, AES-256-GCM bound to the kind and address). Written here from the
 * contract, not shared with identity's sealing, so that a change of either side breaks these tests.
 */
export function openMailToken(test: SubgraphTest, payload: Record<string, unknown>): string {
  const [, , ephemeral, iv, data, tag] = String(payload['sealedToken']).split('.');
  const scalar = createHash('sha512').update(Buffer.from(test.keys['notification']!.privateJwk!.d!, 'base64url')).digest().subarray(0, 32);
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), scalar]), format: 'der', type: 'pkcs8' });
  const spki = Buffer.from('302a300506032b656e032100', 'hex');
  const own = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(spki.length);
  const ephemeralRaw = Buffer.from(ephemeral!, 'base64url');
  const shared = diffieHellman({ privateKey, publicKey: createPublicKey({ key: Buffer.concat([spki, ephemeralRaw]), format: 'der', type: 'spki' }) });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, own]), 'etika identity mail link v1', 32));
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url')).setAAD(Buffer.from(`${String(payload['kind'])}\n${String(payload['email'])}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data!, 'base64url')), decipher.final()]).toString('utf8');
}
