import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, openCheckpoint, verifyInclusion } from '../../subgraphs/chain/src/tlog/index.ts';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let a: Tenant;
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

async function proofOf(id: string): Promise<Proof | null> {
  for (let i = 0; i < 100; i++) {
    const r = await p.gql<{ organizationTransactions: { nodes: { id: string; inclusionProof: Proof | null }[] } }>(PROOF, {}, bearer(a.tokens.auditor));
    const node = r.data?.organizationTransactions.nodes.find((n) => n.id === id);
    if (node?.inclusionProof) return node.inclusionProof;
    await new Promise((res) => setTimeout(res, 100));
  }
  return null;
}

beforeAll(async () => {
  p = await startTestPlatform();
  a = await seedTenant(p, 'chain-a');
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
});
