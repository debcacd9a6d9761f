// @vitest-environment node
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryNodeStore, inclusionProof, leafHash as nodeLeafHash, rootAt, signCheckpoint, verifierKey } from '../../../../subgraphs/chain/src/tlog/index.ts';
import { fromBase64, leafHash, rootFromInclusionProof, verifyInclusion } from './verify.ts';

const VECTORS = fileURLToPath(new URL('../../../../subgraphs/chain/test/rfc6962-vectors/inclusion/', import.meta.url));
type Case = { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; wantErr: boolean };
const cases: [string, Case][] = readdirSync(VECTORS).flatMap((d) => readdirSync(`${VECTORS}${d}`).map((f) => [`${d}/${f}`, JSON.parse(readFileSync(`${VECTORS}${d}/${f}`, 'utf8')) as Case] as [string, Case]));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('in-browser verification (WebCrypto)', () => {
  it.each(cases)('RFC 6962 inclusion vector %s', async (_name, c) => {
    const root = await rootFromInclusionProof(c.leafIdx, c.treeSize, fromBase64(c.leafHash), (c.proof ?? []).map(fromBase64));
    const ok = root !== null && b64(root) === c.root;
    expect(ok).toBe(!c.wantErr);
  });

  it('accepts a real proof under a real signed checkpoint, and rejects a tampered leaf or a foreign key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const store = new MemoryNodeStore();
    const leaves = Array.from({ length: 11 }, (_, i) => `{"transactionId":"t${i}"}`);
    await store.append(leaves.map((l) => nodeLeafHash(Buffer.from(l))));
    const note = signCheckpoint({ origin: 'test/log', size: 11, rootHash: await rootAt(11, store.read) }, 'test/log', privateKey, publicKey);
    const vkey = verifierKey('test/log', publicKey);
    const proof = { leafData: leaves[7]!, leafIndex: 7, treeSize: 11, hashes: (await inclusionProof(7, 11, store.read)).map(b64), checkpoint: { note } };
    expect(await verifyInclusion(proof, vkey)).toEqual({ ok: true, origin: 'test/log', size: 11 });
    expect((await verifyInclusion({ ...proof, leafData: '{"transactionId":"forged"}' }, vkey)).ok).toBe(false);
    const other = generateKeyPairSync('ed25519');
    expect((await verifyInclusion(proof, verifierKey('test/log', other.publicKey))).ok).toBe(false);
    expect(b64(await leafHash(new TextEncoder().encode('x')))).toBe(b64(nodeLeafHash(Buffer.from('x'))));
  });
});
