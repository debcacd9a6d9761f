/**
 * Checks, in the browser and with WebCrypto only, that a transaction is in the log a signed checkpoint commits to:
 * the RFC 9162 inclusion proof (SHA-256) and the checkpoint's Ed25519 signed-note signature. It trusts nothing the
 * server says except what these two checks prove.
 */
const enc = new TextEncoder();

function bytes(...parts: (Uint8Array | number[])[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

export const leafHash = (data: Uint8Array) => sha256(bytes([0], data));
const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(bytes([1], left, right));
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** RFC 9162 §2.1.3.2; null when the proof is malformed for this index and size. */
export async function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Promise<Uint8Array | null> {
  if (!(index >= 0 && index < size) || leaf.length !== 32) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0 || p.length !== 32) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

interface OpenedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

class VerifyError extends Error {
  constructor(readonly reason: VerifyProblem) {
    super(reason);
  }
}

/** Parses the verifier key and checks the signed note with Ed25519; throws with a reason. */
export async function openCheckpoint(note: string, vkey: string): Promise<OpenedCheckpoint> {
  const key = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!key) throw new VerifyError('keyMalformed');
  const [, name, idHex, encoded] = key as unknown as [string, string, string, string];
  const raw = fromBase64(encoded);
  if (raw.length !== 33 || raw[0] !== 1) throw new VerifyError('keyNotEd25519');
  const publicKey = raw.slice(1);
  const id = (await sha256(bytes(enc.encode(name), [0x0a, 0x01], publicKey))).slice(0, 4);
  if ([...id].map((b) => b.toString(16).padStart(2, '0')).join('') !== idHex) throw new VerifyError('keyIdMismatch');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new VerifyError('notSignedNote');
  const body = note.slice(0, split + 1);
  const line = note.slice(split + 2).split('\n').map((l) => /^\u2014 (\S+) (\S+)$/.exec(l)).find((m) => m && m[1] === name);
  if (!line) throw new VerifyError('noSignature');
  const blob = fromBase64(line[2]!);
  if (blob.length !== 68 || !equal(blob.slice(0, 4), id)) throw new VerifyError('signatureMalformed');
  const cryptoKey = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  if (!(await crypto.subtle.verify({ name: 'Ed25519' }, cryptoKey, blob.slice(4), enc.encode(body)))) throw new VerifyError('badSignature');
  const [origin, size, root] = body.split('\n');
  if (!origin || !size || !/^\d+$/.test(size) || !root) throw new VerifyError('checkpointMalformed');
  return { origin, size: Number(size), root: fromBase64(root) };
}

export interface ProofToCheck {
  readonly leafData: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly hashes: readonly string[];
  readonly checkpoint: { readonly note: string };
}

/** Why a proof does not verify; each has a sentence in the catalogues (`verify.<reason>`). */
export type VerifyProblem =
  | 'keyMalformed' | 'keyNotEd25519' | 'keyIdMismatch' | 'notSignedNote' | 'noSignature' | 'signatureMalformed' | 'badSignature'
  | 'checkpointMalformed' | 'sizeMismatch' | 'notInLog' | 'unchecked';

export type Verdict = { ok: true; origin: string; size: number } | { ok: false; reason: VerifyProblem };

export async function verifyInclusion(proof: ProofToCheck, vkey: string): Promise<Verdict> {
  try {
    const checkpoint = await openCheckpoint(proof.checkpoint.note, vkey);
    if (checkpoint.size !== proof.treeSize) return { ok: false, reason: 'sizeMismatch' };
    const root = await rootFromInclusionProof(proof.leafIndex, proof.treeSize, await leafHash(enc.encode(proof.leafData)), proof.hashes.map(fromBase64));
    if (!root || !equal(root, checkpoint.root)) return { ok: false, reason: 'notInLog' };
    return { ok: true, origin: checkpoint.origin, size: checkpoint.size };
  } catch (err) {
    return { ok: false, reason: err instanceof VerifyError ? err.reason : 'unchecked' };
  }
}
