import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWTPayload, type KeyObject } from 'jose';

/** One algorithm for every token on the platform; verification accepts nothing else (so never `none`). */
export const SIGNING_ALG = 'EdDSA';

export interface SigningKeyPair {
  readonly publicJwk: JsonWebKey;
  readonly privateJwk: JsonWebKey | null;
}

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  return { publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) };
}

type Key = KeyObject | CryptoKey | Uint8Array;

export async function importPublicKey(jwk: JsonWebKey): Promise<Key> {
  return importJWK({ ...jwk, alg: SIGNING_ALG }, SIGNING_ALG);
}

export async function importPrivateKey(jwk: JsonWebKey | null): Promise<Key> {
  if (!jwk) throw new Error('this process has no private key to sign with');
  return importJWK({ ...jwk, alg: SIGNING_ALG }, SIGNING_ALG);
}

export interface SignOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly subject?: string;
  readonly expiresInSeconds: number;
  readonly jti?: string;
}

export async function signToken(key: Key, claims: JWTPayload, options: SignOptions): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.expiresInSeconds);
  if (options.subject) jwt.setSubject(options.subject);
  if (options.jti) jwt.setJti(options.jti);
  return jwt.sign(key);
}

/** Verifies signature, algorithm, issuer, audience and expiry; throws on any failure. */
export async function verifyToken(
  key: Key,
  token: string,
  expected: { readonly issuer: string; readonly audience: string },
): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, key, {
    algorithms: [SIGNING_ALG],
    issuer: expected.issuer,
    audience: expected.audience,
    requiredClaims: ['exp', 'iat'],
    clockTolerance: 5,
  });
  return payload;
}
