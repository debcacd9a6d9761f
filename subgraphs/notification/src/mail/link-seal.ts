import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';

/**
 * Opens the link secrets identity seals for this subgraph (X25519 against its Ed25519 key, HKDF-SHA256,
 * AES-256-GCM bound to the mail's kind and address): the secret exists in clear only here, at send time.
 */
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const INFO = 'etika identity mail link v1';

export class LinkOpener {
  private readonly privateKey;
  private readonly publicRaw: Buffer;

  constructor(privateJwk: JsonWebKey) {
    if (privateJwk.crv !== 'Ed25519' || !privateJwk.d) throw new Error('the notification subgraph needs its Ed25519 private key to open mail links');
    // the X25519 scalar of an Ed25519 key is the clamped first half of the SHA-512 of its seed
    const scalar = createHash('sha512').update(Buffer.from(privateJwk.d, 'base64url')).digest().subarray(0, 32);
    scalar[0] = scalar[0]! & 248;
    scalar[31] = (scalar[31]! & 127) | 64;
    this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, scalar]), format: 'der', type: 'pkcs8' });
    this.publicRaw = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
  }

  /** Throws on anything but a secret sealed for this key and this mail. */
  open(sealed: string, kind: string, email: string): string {
    const [scheme, version, ephemeral, iv, data, tag] = sealed.split('.');
    if (scheme !== 'x25519' || version !== 'v1' || !ephemeral || !iv || !data || !tag) throw new Error('not a sealed mail link');
    const ephemeralRaw = Buffer.from(ephemeral, 'base64url');
    const shared = diffieHellman({ privateKey: this.privateKey, publicKey: createPublicKey({ key: Buffer.concat([SPKI_X25519, ephemeralRaw]), format: 'der', type: 'spki' }) });
    const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, this.publicRaw]), INFO, 32));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(`${kind}\n${email}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
