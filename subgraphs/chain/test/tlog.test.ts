import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MemoryNodeStore,
  consistencyProof,
  inclusionProof,
  keyId,
  leafHash,
  openCheckpoint,
  parseVerifierKey,
  rootAt,
  signCheckpoint,
  verifierKey,
  verifyConsistency,
  verifyInclusion,
} from '../src/tlog/index.ts';

const VECTORS = fileURLToPath(new URL('./rfc6962-vectors/', import.meta.url));
const b64 = (s: string) => Buffer.from(s, 'base64');
const cases = <T>(kind: string): [string, T][] =>
  readdirSync(`${VECTORS}${kind}`).flatMap((dir) =>
    readdirSync(`${VECTORS}${kind}/${dir}`).map((f) => [`${dir}/${f}`, JSON.parse(readFileSync(`${VECTORS}${kind}/${dir}/${f}`, 'utf8')) as T] as [string, T]),
  );

const constants = JSON.parse(readFileSync(`${VECTORS}leaves-and-roots.json`, 'utf8')) as { leafInputsHex: string[]; rootHashesHexBySize: string[] };

async function storeOf(size: number): Promise<MemoryNodeStore> {
  const store = new MemoryNodeStore();
  await store.append(Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`leaf ${i}`))));
  return store;
}

describe('RFC 6962 / 9162 test vectors', () => {
  it('roots for sizes 0–8 match, appending one leaf at a time', async () => {
    const store = new MemoryNodeStore();
    expect(Buffer.from(await rootAt(0, store.read)).toString('hex')).toBe(constants.rootHashesHexBySize[0]);
    for (const [i, hex] of constants.leafInputsHex.entries()) {
      await store.append([leafHash(Buffer.from(hex, 'hex'))]);
      expect(Buffer.from(await rootAt(i + 1, store.read)).toString('hex')).toBe(constants.rootHashesHexBySize[i + 1]);
    }
  });

  type Inclusion = { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; wantErr: boolean };
  it.each(cases<Inclusion>('inclusion'))('inclusion %s', (_name, c) => {
    expect(verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root))).toBe(!c.wantErr);
  });

  type Consistency = { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; wantErr: boolean };
  it.each(cases<Consistency>('consistency'))('consistency %s', (_name, c) => {
    expect(verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2))).toBe(!c.wantErr);
  });
});

describe('proofs we generate', () => {
  it('every inclusion and consistency proof for every size up to 64 verifies', async () => {
    const store = await storeOf(64);
    const roots = [await rootAt(0, store.read)];
    for (let size = 1; size <= 64; size++) roots.push(await rootAt(size, store.read));
    for (let size = 1; size <= 64; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(index, size, store.read);
        expect(verifyInclusion(index, size, leafHash(Buffer.from(`leaf ${index}`)), proof, roots[size]!)).toBe(true);
      }
      for (let size1 = 0; size1 <= size; size1++) {
        const proof = await consistencyProof(size1, size, store.read);
        expect(verifyConsistency(size1, size, proof, roots[size1]!, roots[size]!)).toBe(true);
      }
    }
  });

  it('altering one stored leaf makes verification fail at that index, and only there', async () => {
    const store = await storeOf(13);
    const root = await rootAt(13, store.read);
    const leaves = Array.from({ length: 13 }, (_, i) => Buffer.from(`leaf ${i}`));
    leaves[5] = Buffer.from('leaf 5, rewritten');
    for (let index = 0; index < 13; index++) {
      const proof = await inclusionProof(index, 13, store.read);
      expect([index, verifyInclusion(index, 13, leafHash(leaves[index]!), proof, root)]).toEqual([index, index !== 5]);
    }
  });

  it('a rewritten interior hash breaks every proof that passes through it', async () => {
    const store = await storeOf(8);
    const root = await rootAt(8, store.read);
    store.tamper({ level: 1, index: 1 }, leafHash(Buffer.from('forged')));
    const verdicts = [];
    for (let index = 0; index < 8; index++) {
      verdicts.push(verifyInclusion(index, 8, leafHash(Buffer.from(`leaf ${index}`)), await inclusionProof(index, 8, store.read), root));
    }
    expect(verdicts).toEqual([false, false, true, true, true, true, true, true]);
  });

  it('a proof reads O(log n) nodes, not the log', async () => {
    const store = await storeOf(1000);
    let reads = 0;
    const counting: typeof store.read = async (ids) => {
      reads += ids.length;
      return store.read(ids);
    };
    await inclusionProof(777, 1000, counting);
    expect(reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1000)));
  });

  it('refuses impossible requests', async () => {
    const store = await storeOf(4);
    await expect(inclusionProof(4, 4, store.read)).rejects.toThrow(RangeError);
    await expect(consistencyProof(5, 4, store.read)).rejects.toThrow(RangeError);
  });
});

describe('signed checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const vkey = verifierKey('etika.test/log', publicKey);
  const checkpoint = { origin: 'etika.test/log', size: 42, rootHash: leafHash(Buffer.from('root')) };
  const note = signCheckpoint(checkpoint, 'etika.test/log', privateKey, publicKey);

  it('round-trips in the signed-note format', () => {
    expect(note).toMatch(/^etika\.test\/log\n42\n[A-Za-z0-9+/=]{44}\n\n\u2014 etika\.test\/log [A-Za-z0-9+/=]+\n$/);
    const opened = openCheckpoint(note, vkey);
    expect(opened.size).toBe(42);
    expect(Buffer.from(opened.rootHash).equals(Buffer.from(checkpoint.rootHash))).toBe(true);
  });

  it('refuses an altered body, another key and garbage', () => {
    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), vkey)).toThrow(/signature/);
    const other = generateKeyPairSync('ed25519');
    expect(() => openCheckpoint(note, verifierKey('etika.test/log', other.publicKey))).toThrow();
    expect(() => openCheckpoint('hello', vkey)).toThrow();
  });
});

describe('interoperability with golang.org/x/mod/sumdb/note, using its published example key and note', () => {
  const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  const GO_SIGNER_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
  const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const GO_SIGNATURE = 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=';
  const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, GO_SIGNER_SEED]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);

  it('derives the key id as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[0:4] and the same verifier key line', () => {
    const raw = Buffer.from(GO_VERIFIER_KEY.split('+')[2]!, 'base64').subarray(1);
    const expected = createHash('sha256').update('PeterNeumann').update(Uint8Array.of(0x0a, 0x01)).update(raw).digest().subarray(0, 4);
    expect(expected.toString('hex')).toBe('c74f20a3');
    expect(keyId('PeterNeumann', publicKey).toString('hex')).toBe('c74f20a3');
    expect(verifierKey('PeterNeumann', publicKey)).toBe(GO_VERIFIER_KEY);
    expect(parseVerifierKey(GO_VERIFIER_KEY).id.toString('hex')).toBe('c74f20a3');
  });

  it('produces the signature blob (key id ‖ Ed25519 signature) byte for byte', () => {
    const blob = Buffer.concat([keyId('PeterNeumann', publicKey), sign(null, Buffer.from(GO_TEXT, 'utf8'), privateKey)]);
    expect(blob.toString('base64')).toBe(GO_SIGNATURE);
  });

  it("verifies Go's note, then refuses its text as not a checkpoint; refuses it altered or under a wrong key id", () => {
    const note = `${GO_TEXT}\n\u2014 PeterNeumann ${GO_SIGNATURE}\n`;
    expect(() => openCheckpoint(note, GO_VERIFIER_KEY)).toThrow(/malformed checkpoint body/);
    expect(() => openCheckpoint(note.replace('cryptography', 'cryptographY'), GO_VERIFIER_KEY)).toThrow(/signature does not verify/);
    expect(() => parseVerifierKey(GO_VERIFIER_KEY.replace('+c74f20a3+', '+c74f20a4+'))).toThrow(/key id does not match/);
  });
});
