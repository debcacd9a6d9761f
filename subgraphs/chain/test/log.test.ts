import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { EVENT_TYPES, type Principal, type TokenTransactionCommitted } from '@etika/schema';
import { chain } from '../src/index.ts';
import { verifyConsistency } from '../src/tlog/index.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/verify-cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** A tenant as the chain sees one: its organisation and an auditor acting in it. */
interface Tenant {
  readonly orgId: string;
  readonly auditor: Principal;
}
const tenant = (): Tenant => {
  const orgId = randomUUID();
  return { orgId, auditor: userPrincipal(randomUUID(), orgId, 'auditor') };
};

let p: SubgraphTest;
const a = tenant();
const b = tenant();
const tokenId = randomUUID();
const memberId = randomUUID();
const txIds: string[] = [];

const PROOF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on TokenTransaction { inclusionProof { leafIndex treeSize leafData hashes checkpoint { treeSize rootHash note } } } } }`;
type Proof = { leafIndex: number; treeSize: number; leafData: string; hashes: string[]; checkpoint: { treeSize: number; rootHash: string; note: string } };

/** What token publishes when it commits an issue to a member of tenant A: the chain learns of it only this way. */
async function issue(amount: string): Promise<string> {
  const transactionId = randomUUID();
  const createdAt = new Date().toISOString();
  const payload: TokenTransactionCommitted = {
    transactionId,
    orgId: a.orgId,
    kind: 'issue',
    reversesId: null,
    memo: null,
    createdAt,
    postings: [
      { accountId: randomUUID(), tokenId, ownerType: 'issuance', ownerId: null, amount: `-${amount}` },
      { accountId: randomUUID(), tokenId, ownerType: 'member', ownerId: memberId, amount },
    ],
  };
  await p.bus.publish([{ id: randomUUID(), type: EVENT_TYPES.tokenTransactionCommitted, orgId: a.orgId, occurredAt: createdAt, payload }]);
  return transactionId;
}

async function proofOf(id: string, who = a.auditor): Promise<Proof | null> {
  for (let i = 0; i < 100; i++) {
    const r = await p.execute<{ _entities: ({ inclusionProof: Proof | null } | null)[] }>(PROOF, { r: [{ __typename: 'TokenTransaction', id }] }, who);
    const proof = r.data?._entities[0]?.inclusionProof;
    if (proof) return proof;
    await new Promise((res) => setTimeout(res, 100));
  }
  return null;
}

beforeAll(async () => {
  p = await startSubgraphTest(chain, { settings: { CHECKPOINT_INTERVAL_MS: 200 } });
  for (const amount of ['10', '20', '30']) txIds.push(await issue(amount));
  // appended through the bus and covered by a signed checkpoint
  for (const id of txIds) expect(await proofOf(id)).not.toBeNull();
});
afterAll(() => p?.close());

describe('the verifiable log', () => {
  it('checkpoints are public and consistent with each other; size1 > size2 is refused', async () => {
    const before = dataOrThrow(await p.execute<{ latestCheckpoint: { treeSize: number } | null }>('{ latestCheckpoint { treeSize } }')).latestCheckpoint?.treeSize ?? 0;
    await issue('5');
    type History = { checkpoints: { treeSize: number; rootHash: string }[] };
    let history: History = { checkpoints: [] };
    // the new transaction reaches the log asynchronously (through the bus); sign on demand until it is in
    for (let i = 0; i < 50 && (history.checkpoints[0]?.treeSize ?? 0) <= before; i++) {
      const latest = await p.execute('mutation { publishCheckpoint { treeSize } }', {}, a.auditor);
      expect(latest.errors).toBeUndefined();
      history = dataOrThrow(await p.execute<History>('{ checkpoints(first: 10) { treeSize rootHash } }'));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(history.checkpoints.length).toBeGreaterThanOrEqual(2);
    const [newer, older] = history.checkpoints as [{ treeSize: number; rootHash: string }, { treeSize: number; rootHash: string }];
    const proof = dataOrThrow(await p.execute<{ consistencyProof: { hashes: string[] } }>('query($a: SafeInt!, $b: SafeInt!) { consistencyProof(size1: $a, size2: $b) { hashes } }', { a: older.treeSize, b: newer.treeSize }));
    expect(verifyConsistency(older.treeSize, newer.treeSize, proof.consistencyProof.hashes.map((h) => Buffer.from(h, 'base64')), Buffer.from(older.rootHash, 'base64'), Buffer.from(newer.rootHash, 'base64'))).toBe(true);
    const bad = await p.execute('{ consistencyProof(size1: 3, size2: 2) { hashes } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("another tenant gets no proof of this tenant's transactions, even through _entities", async () => {
    const ask = async (who: Tenant) => {
      const r = await p.execute<{ _entities: { inclusionProof: unknown }[] }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on TokenTransaction { inclusionProof { leafIndex } } } }',
        { r: [{ __typename: 'TokenTransaction', id: txIds[0] }] },
        who.auditor,
      );
      return dataOrThrow(r)._entities[0]?.inclusionProof ?? null;
    };
    expect(await ask(a)).not.toBeNull();
    expect(await ask(b)).toBeNull();
  });

  it('the command-line verifier checks exported proofs offline and rejects tampered ones', async () => {
    const key = dataOrThrow(await p.execute<{ chainPublicKey: string }>('{ chainPublicKey }')).chainPublicKey;
    const proof = (await proofOf(txIds[1]!))!;
    const dir = mkdtempSync(join(tmpdir(), 'chain-export-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ publicKey: key, ...proof }));
    const ok = await run(TSX, [CLI, 'inclusion', good]);
    expect(ok.stdout).toMatch(/^OK leaf/);
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ publicKey: key, ...proof, leafData: proof.leafData.replace('"amount":"20"', '"amount":"2000"') }));
    await expect(run(TSX, [CLI, 'inclusion', tampered])).rejects.toMatchObject({ code: 1 });

    const history = dataOrThrow(await p.execute<{ checkpoints: { treeSize: number; note: string }[] }>('{ checkpoints(first: 10) { treeSize note } }')).checkpoints.reverse();
    const proofs = [];
    for (let i = 1; i < history.length; i++) {
      proofs.push(dataOrThrow(await p.execute<{ consistencyProof: { hashes: string[] } }>('query($a: SafeInt!, $b: SafeInt!) { consistencyProof(size1: $a, size2: $b) { hashes } }', { a: history[i - 1]!.treeSize, b: history[i]!.treeSize })).consistencyProof.hashes);
    }
    const chainFile = join(dir, 'chain.json');
    writeFileSync(chainFile, JSON.stringify({ publicKey: key, checkpoints: history.map((c) => c.note), proofs }));
    expect((await run(TSX, [CLI, 'consistency', chainFile])).stdout).toMatch(/^OK/);
  });
});
