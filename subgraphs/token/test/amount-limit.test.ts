import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { MAX_AMOUNT } from '../src/ledger/amount.ts';
import { token as tokenSubgraph } from '../src/index.ts';
import { walletOf } from './fixtures.ts';

let p: SubgraphTest;
let t: Tenant;

const DEFINE = 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }';
const ISSUE = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
const BATCH = 'mutation($input: BatchInput!) { submitBatch(input: $input) { id } }';
const HISTORY = '{ organizationTransactions(input: { first: 100 }) { nodes { id } } }';
const SUPPLY = '{ tokens { id circulatingSupply } }';

async function define(symbol: string): Promise<string> {
  return dataOrThrow(await p.execute<{ defineToken: { id: string } }>(DEFINE, { input: { name: `${symbol} points`, symbol, decimals: 0 } }, t.as.owner)).defineToken.id;
}

const issue = (tokenId: string, amount: bigint, toUserId: string) =>
  p.execute(ISSUE, { input: { tokenId, amount: amount.toString(), toUserId, idempotencyKey: randomUUID() } }, t.as.admin);

async function supplyOf(tokenId: string): Promise<bigint> {
  const r = dataOrThrow(await p.execute<{ tokens: { id: string; circulatingSupply: string }[] }>(SUPPLY, {}, t.as.auditor));
  return BigInt(r.tokens.find((x) => x.id === tokenId)?.circulatingSupply ?? '0');
}

async function transactionCount(): Promise<number> {
  const r = await p.execute<{ organizationTransactions: { nodes: unknown[] } }>(HISTORY, {}, t.as.auditor);
  return dataOrThrow(r).organizationTransactions.nodes.length;
}

beforeAll(async () => {
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'limits');
});
afterAll(() => p?.close());

describe('amounts and balances stay within the amount limit (2^127 − 1)', () => {
  it('refuses the issuance that would take the supply past the limit, clearly, with nothing committed', async () => {
    const tokenId = await define('BIG');
    dataOrThrow(await issue(tokenId, MAX_AMOUNT, t.userIds.member));
    const before = await transactionCount();
    for (let i = 0; i < 6; i++) {
      const r = await issue(tokenId, MAX_AMOUNT, t.userIds.member);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
      expect(r.errors?.[0]?.message).toMatch(/largest amount/);
      expect(JSON.stringify(r.errors)).not.toMatch(/numeric|insert|update|select|overflow/i);
    }
    expect(await transactionCount()).toBe(before);
    expect(await supplyOf(tokenId)).toBe(MAX_AMOUNT);
    expect((await walletOf(p, t.as.member)).find((b) => b.token.id === tokenId)?.amount).toBe(MAX_AMOUNT.toString());
  });

  it('up to the limit is fine, one more unit is not', async () => {
    const tokenId = await define('EDGE');
    dataOrThrow(await issue(tokenId, MAX_AMOUNT - 1n, t.userIds.member));
    dataOrThrow(await issue(tokenId, 1n, t.userIds.admin));
    expect((await issue(tokenId, 1n, t.userIds.owner)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await supplyOf(tokenId)).toBe(MAX_AMOUNT);
  });

  it('a batch whose legs add up past the limit is refused as a whole', async () => {
    const tokenId = await define('SUM');
    const before = await transactionCount();
    const legs = Array.from({ length: 7 }, () => ({ kind: 'ISSUE', tokenId, amount: MAX_AMOUNT.toString(), toUserId: t.userIds.member }));
    const r = await p.execute(BATCH, { input: { idempotencyKey: randomUUID(), legs } }, t.as.admin);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors)).not.toMatch(/numeric|overflow/i);
    expect(await transactionCount()).toBe(before);
    expect(await supplyOf(tokenId)).toBe(0n);
  });
});
