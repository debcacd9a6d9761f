import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signed checkpoints in the C2SP tlog-checkpoint format, signed as a C2SP signed note with Ed25519:
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key id ‖ signature)>\n
 *
 * The key id is the first four bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key), 0x01 being Ed25519.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

const ED25519 = 0x01;
const SIGNATURE_DASH = '\u2014';

export function checkpointBody(c: Checkpoint): string {
  if (!c.origin || c.origin.includes('\n')) throw new Error('the origin must be one non-empty line');
  return `${c.origin}\n${c.size}\n${Buffer.from(c.rootHash).toString('base64')}\n`;
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

export function keyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a, ED25519]), rawPublicKey(publicKey)]))
    .digest()
    .subarray(0, 4);
}

/** The verifier key line: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export function verifierKey(name: string, publicKey: KeyObject): string {
  const encoded = Buffer.concat([Buffer.from([ED25519]), rawPublicKey(publicKey)]).toString('base64');
  return `${name}+${keyId(name, publicKey).toString('hex')}+${encoded}`;
}

export function parseVerifierKey(vkey: string): { name: string; id: Buffer; publicKey: KeyObject } {
  // the base64 key may itself contain '+': split at the first two only
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!match) throw new Error('malformed verifier key');
  const [, name, idHex, encoded] = match as unknown as [string, string, string, string];
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('not an Ed25519 verifier key');
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') }, format: 'jwk' });
  const id = Buffer.from(idHex, 'hex');
  if (!id.equals(keyId(name, publicKey))) throw new Error('the verifier key id does not match its key');
  return { name, id, publicKey };
}

export function signCheckpoint(c: Checkpoint, keyName: string, privateKey: KeyObject, publicKey: KeyObject): string {
  const body = checkpointBody(c);
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  const blob = Buffer.concat([keyId(keyName, publicKey), signature]).toString('base64');
  return `${body}\n${SIGNATURE_DASH} ${keyName} ${blob}\n`;
}

/** Parses a signed note and checks its signature by the given verifier key; throws on anything amiss. */
export function openCheckpoint(note: string, vkey: string): Checkpoint {
  const key = parseVerifierKey(vkey);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('not a signed note');
  const body = note.slice(0, split + 1);
  const signatures = note.slice(split + 2).split('\n').filter(Boolean);
  const ours = signatures
    .map((line) => /^\u2014 (\S+) (\S+)$/.exec(line))
    .find((m) => m && m[1] === key.name && Buffer.from(m[2]!, 'base64').subarray(0, 4).equals(key.id));
  if (!ours) throw new Error('no signature by this key');
  const blob = Buffer.from(ours[2]!, 'base64');
  if (blob.length !== 68 || !verify(null, Buffer.from(body, 'utf8'), key.publicKey, blob.subarray(4))) {
    throw new Error('the checkpoint signature does not verify');
  }
  const lines = body.split('\n');
  const [origin, sizeText, rootText] = lines;
  if (lines.length < 4 || !origin || !sizeText || !/^\d+$/.test(sizeText) || !rootText) throw new Error('malformed checkpoint body');
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== 32) throw new Error('malformed root hash');
  return { origin, size: Number(sizeText), rootHash };
}
