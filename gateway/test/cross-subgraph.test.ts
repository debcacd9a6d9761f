import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, openCheckpoint, verifyInclusion } from '../../subgraphs/chain/src/tlog/index.ts';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let t: Tenant;
let tokenId: string;
const txIds: string[] = [];

const PROOF = `{ organizationTransactions(input: { first: 50 }) { nodes { id inclusionProof { leafIndex treeSize leafData hashes checkpoint { treeSize rootHash note } } } } }`;
type Proof = { leafIndex: number; treeSize: number; leafData: string; hashes: string[]; checkpoint: { treeSize: number; rootHash: string; note: string } };

async function issue(amount: string): Promise<string> {
  const r = dataOrThrow(await p.gql<{ issueTokens: { id: string } }>('mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', {
    input: { tokenId, amount, toUserId: t.userIds.member, idempotencyKey: randomUUID() },
  }, bearer(t.tokens.owner)));
  return r.issueTokens.id;
}

async function proofOf(url: string, id: string): Promise<Proof | null> {
  for (let i = 0; i < 100; i++) {
    const r = await graphql<{ organizationTransactions: { nodes: { id: string; inclusionProof: Proof | null }[] } }>(url, PROOF, {}, bearer(t.tokens.auditor));
    const node = r.data?.organizationTransactions.nodes.find((n) => n.id === id);
    if (node?.inclusionProof) return node.inclusionProof;
    await new Promise((res) => setTimeout(res, 100));
  }
  return null;
}

beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'flows');
  tokenId = dataOrThrow(await p.gql<{ defineToken: { id: string } }>('mutation { defineToken(input: { name: "Chain", symbol: "CHN", decimals: 0 }) { id } }', {}, bearer(t.tokens.owner))).defineToken.id;
  for (const amount of ['10', '20', '30']) txIds.push(await issue(amount));
});
afterAll(() => p?.close());

describe('partner API keys', () => {
  const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix scopes lastUsedAt } } }';

  it('shows the secret once with a visible prefix, acts as partner in one organisation, and stops at once when revoked', async () => {
    const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string; scopes: string[] } } }>(
      CREATE, { input: { name: 'crm', scopes: ['org:read', 'members:read'] } }, bearer(t.tokens.admin),
    )).createApiKey;
    expect(created.secret.startsWith(`${created.apiKey.prefix}_`)).toBe(true);
    expect(created.apiKey.prefix).toMatch(/^etk_live_[a-z0-9]{8}$/);
    const use = await p.gql<{ organization: { members: unknown[] } }>('query($id: ID!) { organization(id: $id) { members { id } } }', { id: t.orgId }, { 'x-api-key': created.secret });
    expect(use.data?.organization.members).toHaveLength(4);
    const listed = dataOrThrow(await p.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>('{ apiKeys { id lastUsedAt } }', {}, bearer(t.tokens.owner)));
    expect(listed.apiKeys.find((k) => k.id === created.apiKey.id)?.lastUsedAt).not.toBeNull();
    // the bearer form works too
    expect((await p.gql('{ __typename }', {}, bearer(created.secret))).status).toBe(200);

    dataOrThrow(await p.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: created.apiKey.id }, bearer(t.tokens.owner)));
    const after = await p.gql('{ __typename }', {}, { 'x-api-key': created.secret });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an expired key is refused', async () => {
    const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string } }>(
      CREATE, { input: { name: 'short-lived', scopes: ['org:read'], expiresAt: new Date(Date.now() + 1_500).toISOString() } }, bearer(t.tokens.admin),
    )).createApiKey;
    expect((await p.gql('{ __typename }', {}, { 'x-api-key': created.secret })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_700));
    expect((await p.gql('{ __typename }', {}, { 'x-api-key': created.secret })).status).toBe(401);
  });

  it('an unknown key is refused', async () => {
    const unknownKey = await p.gql('{ __typename }', {}, { 'x-api-key': 'etk_live_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknownKey.status).toBe(401);
  });
});

// what crosses subgraphs is planned and executed by the engine: each engine behind a gateway of its own
describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let g: EdgeGateway;
const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => graphql<T>(g.url, query, variables, headers);
beforeAll(async () => {
  g = await startEdgeGateway(p, { engine });
});
afterAll(() => g?.close());

describe('across identity and org', () => {
  it('User.memberships and Organization.members resolve across identity and org', async () => {
    const r = dataOrThrow(await gql<{ me: { email: string; memberships: { role: string; organization: { id: string; members: { user: { email: string } }[] } }[] } }>(
      '{ me { email memberships { role organization { id members { user { email } } } } } }', {}, bearer(t.tokens.member),
    ));
    const here = r.me.memberships.find((m) => m.organization.id === t.orgId);
    expect(here?.role).toBe('MEMBER');
    expect(here?.organization.members.map((m) => m.user.email)).toContain(r.me.email);
    expect(here?.organization.members).toHaveLength(4);
  });
});

describe('token transactions reach the verifiable log', () => {
  it('every committed transaction becomes a leaf whose inclusion verifies against a signed checkpoint', async () => {
    const key = dataOrThrow(await gql<{ chainPublicKey: string }>('{ chainPublicKey }')).chainPublicKey;
    for (const id of txIds) {
      const proof = await proofOf(g.url, id);
      expect(proof).not.toBeNull();
      const checkpoint = openCheckpoint(proof!.checkpoint.note, key);
      expect(checkpoint.size).toBe(proof!.treeSize);
      expect(JSON.parse(proof!.leafData)).toMatchObject({ transactionId: id, orgId: t.orgId, kind: 'issue' });
      const ok = verifyInclusion(proof!.leafIndex, proof!.treeSize, leafHash(Buffer.from(proof!.leafData)), proof!.hashes.map((h) => Buffer.from(h, 'base64')), checkpoint.rootHash);
      expect(ok).toBe(true);
      const forged = proof!.leafData.replace('"amount":"10"', '"amount":"99"').replace('"amount":"20"', '"amount":"99"').replace('"amount":"30"', '"amount":"99"');
      expect(verifyInclusion(proof!.leafIndex, proof!.treeSize, leafHash(Buffer.from(forged)), proof!.hashes.map((h) => Buffer.from(h, 'base64')), checkpoint.rootHash)).toBe(false);
    }
  });
});
});
