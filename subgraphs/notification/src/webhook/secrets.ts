import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Endpoint secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the subgraph's own private key,
 * which comes from the environment in production like every service key. The database alone reveals no secret.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `purpose` keeps one kind of secret's key apart from another's (webhook secrets, mails that carry a link's secret). */
  constructor(privateJwk: JsonWebKey, purpose = 'etika webhook secrets v1') {
    if (!privateJwk.d) throw new Error('the notification subgraph needs its private key to keep secrets at rest');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(privateJwk.d, 'base64url'), Buffer.alloc(0), purpose, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64url')}.${sealed.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
  }

  /** Whether a stored value has the shape of a sealed one (a value written before sealing began has not). */
  static looksSealed(value: string): boolean {
    return /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/.test(value);
  }

  open(sealed: string): string {
    const [version, iv, data, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || !data || !tag) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
