import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A mail link's secret sealed for the notification subgraph alone, so that neither identity's outbox nor the bus
 * ever holds it in clear: X25519 with a fresh key per link against notification's public key (its Ed25519 signing
 * key, read as the X25519 key of the same curve), HKDF-SHA256, then AES-256-GCM bound to the mail's kind and
 * address. Notification opens it with its private key; identity cannot open what it sealed.
 */
const P = 2n ** 255n - 19n;
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
export const SEALED_LINK_INFO = 'etika identity mail link v1';

const fromLittleEndian = (bytes: Buffer) => bytes.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);
function toLittleEndian(n: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0; i < 32; i += 1) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}
function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  for (let b = base % P, e = exponent; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) result = (result * b) % P;
  return result;
}

/** The Montgomery u of an Ed25519 public key: u = (1 + y) / (1 - y) over the field of the curve. */
export function x25519PublicOfEd25519(publicJwk: JsonWebKey): Buffer {
  if (publicJwk.crv !== 'Ed25519' || !publicJwk.x) throw new Error('notification has no Ed25519 public key to seal mail links for');
  const bytes = Buffer.from(publicJwk.x, 'base64url');
  bytes[31] = bytes[31]! & 0x7f;
  const y = fromLittleEndian(bytes);
  return toLittleEndian((((1n + y) % P) * power((P + 1n - y) % P, P - 2n)) % P);
}

/** The authenticated data: a sealed secret opens only in the mail it was made for. */
export const sealedLinkContext = (kind: string, email: string) => Buffer.from(`${kind}\n${email}`, 'utf8');

export function sealLinkSecret(recipientPublicJwk: JsonWebKey, secret: string, context: Buffer): string {
  const recipient = x25519PublicOfEd25519(recipientPublicJwk);
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: createPublicKey({ key: Buffer.concat([SPKI_X25519, recipient]), format: 'der', type: 'spki' }) });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPublic, recipient]), SEALED_LINK_INFO, 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(context);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['x25519', 'v1', ephemeralPublic, iv, sealed, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}
