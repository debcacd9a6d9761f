import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, openCheckpoint, verifyConsistency, verifyInclusion } from '../../subgraphs/chain/src/tlog/index.ts';
import { PRINCIPAL_HEADER } from '@etika/schema';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { principalTokenFor, seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../subgraphs/chain/src/verify-cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

let p: TestPlatform;
let a: Tenant;
let b: Tenant;
let tokenId: string;
const txIds: string[] = [];

const PROOF = `{ organizationTransactions(input: { first: 50 }) { nodes { id inclusionProof { leafIndex treeSize leafData hashes checkpoint { treeSize rootHash note } } } } }`;
type Proof = { leafIndex: number; treeSize: number; leafData: string; hashes: string[]; checkpoint: { treeSize: number; rootHash: string; note: string } };

async function issue(amount: string): Promise<string> {
  const r = dataOrThrow(await p.gql<{ issueTokens: { id: string } }>('mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', {
    input: { tokenId, amount, toUserId: a.userIds.member, idempotencyKey: randomUUID() },
  }, bearer(a.tokens.owner)));
  return r.issueTokens.id;
}

async function proofOf(id: string, token = a.tokens.auditor): Promise<Proof | null> {
  for (let i = 0; i < 100; i++) {
    const r = await p.gql<{ organizationTransactions: { nodes: { id: string; inclusionProof: Proof | null }[] } }>(PROOF, {}, bearer(token));
    const node = r.data?.organizationTransactions.nodes.find((n) => n.id === id);
    if (node?.inclusionProof) return node.inclusionProof;
    if (token !== a.tokens.auditor) return null;
    await new Promise((res) => setTimeout(res, 100));
  }
  return null;
}

beforeAll(async () => {
  p = await startTestPlatform();
  a = await seedTenant(p, 'chain-a');
  b = await seedTenant(p, 'chain-b');
  tokenId = dataOrThrow(await p.gql<{ defineToken: { id: string } }>('mutation { defineToken(input: { name: "Chain", symbol: "CHN", decimals: 0 }) { id } }', {}, bearer(a.tokens.owner))).defineToken.id;
  for (const amount of ['10', '20', '30']) txIds.push(await issue(amount));
});
afterAll(() => p?.close());

describe('the verifiable log', () => {
  it('every committed transaction becomes a leaf whose inclusion verifies against a signed checkpoint', async () => {
    const key = dataOrThrow(await p.gql<{ chainPublicKey: string }>('{ chainPublicKey }')).chainPublicKey;
    for (const id of txIds) {
      const proof = await proofOf(id);
      expect(proof).not.toBeNull();
      const checkpoint = openCheckpoint(proof!.checkpoint.note, key);
      expect(checkpoint.size).toBe(proof!.treeSize);
      expect(JSON.parse(proof!.leafData)).toMatchObject({ transactionId: id, orgId: a.orgId, kind: 'issue' });
      const ok = verifyInclusion(proof!.leafIndex, proof!.treeSize, leafHash(Buffer.from(proof!.leafData)), proof!.hashes.map((h) => Buffer.from(h, 'base64')), checkpoint.rootHash);
      expect(ok).toBe(true);
      const forged = proof!.leafData.replace('"amount":"10"', '"amount":"99"').replace('"amount":"20"', '"amount":"99"').replace('"amount":"30"', '"amount":"99"');
      expect(verifyInclusion(proof!.leafIndex, proof!.treeSize, leafHash(Buffer.from(forged)), proof!.hashes.map((h) => Buffer.from(h, 'base64')), checkpoint.rootHash)).toBe(false);
    }
  });

  it('checkpoints are public and consistent with each other; size1 > size2 is refused', async () => {
    const before = dataOrThrow(await p.gql<{ latestCheckpoint: { treeSize: number } | null }>('{ latestCheckpoint { treeSize } }')).latestCheckpoint?.treeSize ?? 0;
    await issue('5');
    type History = { checkpoints: { treeSize: number; rootHash: string }[] };
    let history: History = { checkpoints: [] };
    // the new transaction reaches the log asynchronously (through the bus); sign on demand until it is in
    for (let i = 0; i < 50 && (history.checkpoints[0]?.treeSize ?? 0) <= before; i++) {
      const latest = await p.gql('mutation { publishCheckpoint { treeSize } }', {}, bearer(a.tokens.auditor));
      expect(latest.errors).toBeUndefined();
      history = dataOrThrow(await p.gql<History>('{ checkpoints(first: 10) { treeSize rootHash } }'));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(history.checkpoints.length).toBeGreaterThanOrEqual(2);
    const [newer, older] = history.checkpoints as [{ treeSize: number; rootHash: string }, { treeSize: number; rootHash: string }];
    const proof = dataOrThrow(await p.gql<{ consistencyProof: { hashes: string[] } }>('query($a: SafeInt!, $b: SafeInt!) { consistencyProof(size1: $a, size2: $b) { hashes } }', { a: older.treeSize, b: newer.treeSize }));
    expect(verifyConsistency(older.treeSize, newer.treeSize, proof.consistencyProof.hashes.map((h) => Buffer.from(h, 'base64')), Buffer.from(older.rootHash, 'base64'), Buffer.from(newer.rootHash, 'base64'))).toBe(true);
    const bad = await p.gql('{ consistencyProof(size1: 3, size2: 2) { hashes } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("another tenant gets no proof of this tenant's transactions, even through _entities", async () => {
    const ask = async (tenant: Tenant) => {
      const token = await principalTokenFor(p, tenant, 'auditor');
      const r = await graphql<{ _entities: { inclusionProof: unknown }[] }>(
        p.subgraphUrls.chain,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on TokenTransaction { inclusionProof { leafIndex } } } }',
        { r: [{ __typename: 'TokenTransaction', id: txIds[0] }] },
        { [PRINCIPAL_HEADER]: token },
      );
      return dataOrThrow(r)._entities[0]?.inclusionProof ?? null;
    };
    expect(await ask(a)).not.toBeNull();
    expect(await ask(b)).toBeNull();
  });

  it('the command-line verifier checks exported proofs offline and rejects tampered ones', async () => {
    const key = dataOrThrow(await p.gql<{ chainPublicKey: string }>('{ chainPublicKey }')).chainPublicKey;
    const proof = (await proofOf(txIds[1]!))!;
    const dir = mkdtempSync(join(tmpdir(), 'chain-export-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ publicKey: key, ...proof }));
    const ok = await run(TSX, [CLI, 'inclusion', good]);
    expect(ok.stdout).toMatch(/^OK leaf/);
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ publicKey: key, ...proof, leafData: proof.leafData.replace('"amount":"20"', '"amount":"2000"') }));
    await expect(run(TSX, [CLI, 'inclusion', tampered])).rejects.toMatchObject({ code: 1 });

    const history = dataOrThrow(await p.gql<{ checkpoints: { treeSize: number; note: string }[] }>('{ checkpoints(first: 10) { treeSize note } }')).checkpoints.reverse();
    const proofs = [];
    for (let i = 1; i < history.length; i++) {
      proofs.push(dataOrThrow(await p.gql<{ consistencyProof: { hashes: string[] } }>('query($a: SafeInt!, $b: SafeInt!) { consistencyProof(size1: $a, size2: $b) { hashes } }', { a: history[i - 1]!.treeSize, b: history[i]!.treeSize })).consistencyProof.hashes);
    }
    const chainFile = join(dir, 'chain.json');
    writeFileSync(chainFile, JSON.stringify({ publicKey: key, checkpoints: history.map((c) => c.note), proofs }));
    expect((await run(TSX, [CLI, 'consistency', chainFile])).stdout).toMatch(/^OK/);
  });
});
