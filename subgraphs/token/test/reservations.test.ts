import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInternal } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { INTERNAL_ROUTES, PRINCIPAL_HEADER } from '@etika/schema';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';

let p: SubgraphTest;
let t: Tenant;

beforeAll(async () => {
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'reserved');
});
afterAll(() => p?.close());

const ISSUE = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
const issue = (tokenId: string, amount: string) => p.execute(ISSUE, { input: { tokenId, amount, toUserId: t.userIds.member, idempotencyKey: randomUUID() } }, t.as.owner);

/** What payment asks when it quotes a purchase: whether the tokens fit under the cap, holding the room if they do. */
async function reserve(tokenId: string, tokens: string): Promise<string | undefined> {
  const answer = await callInternal(p.url, INTERNAL_ROUTES.reservePurchase, { tokenId, tokens, quoteId: randomUUID() }, { [PRINCIPAL_HEADER]: await p.principalToken(t.as.owner) });
  return answer?.outcome;
}

describe('staff issuance and pending purchases share the cap', () => {
  it('room held by a pending purchase cannot be issued by staff, so issuance plus pending sales never pass the cap', async () => {
    const tokenId = dataOrThrow(await p.execute<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Held', symbol: 'HLD', decimals: 0, maxSupply: '100' } }, t.as.owner)).defineToken.id;
    expect(await reserve(tokenId, '60')).toBe('fits');
    expect((await issue(tokenId, '41')).errors?.[0]?.extensions?.code).toBe('SUPPLY_CAP_EXCEEDED');
    dataOrThrow(await issue(tokenId, '40'));
    // the cap is full: 40 issued, 60 held; neither side may take more
    expect(await reserve(tokenId, '1')).toBe('cap');
    expect((await issue(tokenId, '1')).errors?.[0]?.extensions?.code).toBe('SUPPLY_CAP_EXCEEDED');
  });
});
