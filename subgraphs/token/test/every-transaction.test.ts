import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, type SubgraphTest, type TestResponse } from '@etika/kit/testing';
import type { Principal, Scope } from '@etika/schema';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';
import { walletOf } from './fixtures.ts';

let p: SubgraphTest;
let t: Tenant;

const DEFINE = 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }';
const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id } }`;
const BATCH = 'mutation($input: BatchInput!) { submitBatch(input: $input) { id } }';
const REVERSE = 'mutation($id: ID!, $k: String!) { reverseTransaction(transactionId: $id, idempotencyKey: $k) { id kind reversesId } }';
const LEDGER = '{ organizationTransactions(input: { first: 100 }) { nodes { id memo } } }';
const SUPPLY = '{ tokens { id circulatingSupply } }';

const partner = (...scopes: Scope[]): Principal => ({ kind: 'apiKey', keyId: randomUUID(), orgId: t.orgId, role: 'partner', scopes });

async function define(symbol: string, maxSupply: string | null): Promise<string> {
  return dataOrThrow(await p.execute<{ defineToken: { id: string } }>(DEFINE, { input: { name: `${symbol} points`, symbol, decimals: 0, maxSupply } }, t.as.owner)).defineToken.id;
}

function move(op: 'issueTokens' | 'transferTokens' | 'redeemTokens', who: Principal, tokenId: string, amount: string, toUserId?: string): Promise<TestResponse<Record<string, { id: string }>>> {
  return p.execute(MOVE(op), { input: { tokenId, amount, toUserId, idempotencyKey: randomUUID() } }, who);
}

async function moved(op: 'issueTokens' | 'transferTokens' | 'redeemTokens', who: Principal, tokenId: string, amount: string, toUserId?: string): Promise<string> {
  return dataOrThrow(await move(op, who, tokenId, amount, toUserId))[op]!.id;
}

const reverse = (id: string, who: Principal) => p.execute<{ reverseTransaction: { id: string; kind: string; reversesId: string } }>(REVERSE, { id, k: randomUUID() }, who);

async function supplyOf(tokenId: string): Promise<bigint> {
  const r = dataOrThrow(await p.execute<{ tokens: { id: string; circulatingSupply: string }[] }>(SUPPLY, {}, t.as.auditor));
  return BigInt(r.tokens.find((x) => x.id === tokenId)?.circulatingSupply ?? '0');
}

async function balanceOf(who: Principal, tokenId: string): Promise<string> {
  return (await walletOf(p, who)).find((b) => b.token.id === tokenId)?.amount ?? '0';
}

async function transactionCount(): Promise<number> {
  return dataOrThrow(await p.execute<{ organizationTransactions: { nodes: unknown[] } }>(LEDGER, {}, t.as.owner)).organizationTransactions.nodes.length;
}

beforeAll(async () => {
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'every-kind');
});
afterAll(() => p?.close());

describe('the supply cap holds for every transaction that changes circulating supply', () => {
  it('maxSupply 100: issue 100, redeem 50, issue 50, then reversing the redemption is refused with nothing committed', async () => {
    const tokenId = await define('CAPR', '100');
    await moved('issueTokens', t.as.admin, tokenId, '100', t.userIds.member);
    const redemption = await moved('redeemTokens', t.as.member, tokenId, '50');
    await moved('issueTokens', t.as.admin, tokenId, '50', t.userIds.member);
    const before = await transactionCount();

    const r = await reverse(redemption, t.as.owner);
    expect(r.errors?.[0]?.extensions?.code).toBe('SUPPLY_CAP_EXCEEDED');
    expect(r.data?.reverseTransaction ?? null).toBeNull();
    expect(await supplyOf(tokenId)).toBe(100n);
    expect(await balanceOf(t.as.member, tokenId)).toBe('100');
    expect(await transactionCount()).toBe(before);

    // nothing marked the redemption as reversed: once there is room, it can be reversed
    await moved('redeemTokens', t.as.member, tokenId, '50');
    expect(dataOrThrow(await reverse(redemption, t.as.owner)).reverseTransaction).toMatchObject({ kind: 'REVERSAL', reversesId: redemption });
    expect(await supplyOf(tokenId)).toBe(100n);
  });

  it('a reversal that takes tokens out of circulation is allowed at the cap', async () => {
    const tokenId = await define('CAPI', '100');
    const issued = await moved('issueTokens', t.as.admin, tokenId, '100', t.userIds.member);
    dataOrThrow(await reverse(issued, t.as.admin));
    expect(await supplyOf(tokenId)).toBe(0n);
    expect(await balanceOf(t.as.member, tokenId)).toBe('0');
  });

  it('a batch is checked by what it does to circulation as a whole', async () => {
    const tokenId = await define('CAPB', '100');
    await moved('issueTokens', t.as.owner, tokenId, '100', t.userIds.admin);
    const batch = (issue: string, redeem: string) =>
      p.execute(BATCH, {
        input: {
          idempotencyKey: randomUUID(),
          legs: [
            { kind: 'REDEEM', tokenId, amount: redeem },
            { kind: 'ISSUE', tokenId, amount: issue, toUserId: t.userIds.member },
          ],
        },
      }, t.as.admin);
    dataOrThrow(await batch('10', '10'));
    expect((await batch('11', '10')).errors?.[0]?.extensions?.code).toBe('SUPPLY_CAP_EXCEEDED');
    expect(await supplyOf(tokenId)).toBe(100n);
    expect(await balanceOf(t.as.member, tokenId)).toBe('10');
  });

  it('transactions that grow one supply through different accounts at once never pass the cap together', async () => {
    const tokenId = await define('CAPC', '100');
    await moved('issueTokens', t.as.admin, tokenId, '100', t.userIds.member);
    const redemptions: string[] = [];
    for (let i = 0; i < 4; i++) redemptions.push(await moved('redeemTokens', t.as.member, tokenId, '10'));
    // room for 40: four reversed redemptions (the redemption account) race four issuances (the issuance account)
    const results = await Promise.all([
      ...redemptions.map((id) => reverse(id, t.as.owner)),
      ...redemptions.map(() => move('issueTokens', t.as.admin, tokenId, '10', t.userIds.auditor)),
    ]);
    expect(results.filter((r) => !r.errors).length).toBe(4);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(Array(4).fill('SUPPLY_CAP_EXCEEDED'));
    expect(await supplyOf(tokenId)).toBe(100n);
  });
});

describe('reversal is a right of its own', () => {
  it('a partner key with token:issue cannot reverse a transfer between two members', async () => {
    const tokenId = await define('REVP', null);
    await moved('issueTokens', t.as.admin, tokenId, '40', t.userIds.member);
    const transfer = await moved('transferTokens', t.as.member, tokenId, '25', t.userIds.auditor);

    const r = await reverse(transfer, partner('token:issue', 'token:read', 'token:transfer', 'token:redeem'));
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(await balanceOf(t.as.auditor, tokenId)).toBe('25');
    expect(await balanceOf(t.as.member, tokenId)).toBe('15');
  });

  it('only owners and admins reverse; a key cannot, whatever it holds', async () => {
    const tokenId = await define('REVR', null);
    const issued = await moved('issueTokens', t.as.admin, tokenId, '5', t.userIds.member);
    for (const who of [t.as.member, t.as.auditor]) expect((await reverse(issued, who)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await reverse(issued, partner('token:reverse', 'token:read'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await balanceOf(t.as.member, tokenId)).toBe('5');
    expect(dataOrThrow(await reverse(issued, t.as.admin)).reverseTransaction.reversesId).toBe(issued);
  });
});

describe("reading the organisation's ledger is a right of its own", () => {
  it('token:issue does not imply it; ledger:read does, for owners, admins, auditors and keys given it', async () => {
    const refusal = async (who: Principal) => {
      const error = (await p.execute(LEDGER, {}, who)).errors?.[0];
      return { code: error?.extensions?.code, path: error?.path };
    };
    const denied = { code: 'UNAUTHORIZED_FIELD_OR_TYPE', path: ['organizationTransactions'] };
    expect(await refusal(partner('token:issue', 'token:read'))).toEqual(denied);
    expect(await refusal(partner('audit:read', 'token:read'))).toEqual(denied);
    expect(await refusal(t.as.member)).toEqual(denied);
    for (const who of [t.as.owner, t.as.admin, t.as.auditor, partner('ledger:read', 'token:read')]) {
      expect(dataOrThrow(await p.execute<{ organizationTransactions: { nodes: unknown[] } }>(LEDGER, {}, who)).organizationTransactions.nodes.length).toBeGreaterThan(0);
    }
  });
});
