import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { SUPERGRAPH_PATH } from '@etika/schema';
import { post, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let t: Tenant;
let g: EdgeGateway;
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'demand');
  g = await startEdgeGateway(p, { edge: { costLimits: { anonymous: 10, user: 100, apiKey: 50 } } });
});
afterAll(async () => {
  await g?.close();
  await p?.close();
});

describe('demand control', () => {
  it('the subgraphs’ @listSize and @cost reach the supergraph through composition', () => {
    const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(supergraph).toMatch(/myTransactions\(input: HistoryInput!\): TransactionPage! .*@listSize\(assumedSize: 100, sizedFields: \["nodes"\]\)/);
    expect(supergraph).toMatch(/inclusionProof: InclusionProof .*@cost\(weight: 5\)/);
  });

  it('refuses an operation above its caller’s maximum before planning, with the estimate in the error', async () => {
    // 20 organisations of 100 members each, as their @listSize assume: 20 × (1 + 100)
    const r = await post(g.url, '{ myOrganizations { id members { id } } }', bearer(t.tokens.owner));
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxCost', cost: { estimated: 2020, maximum: 100 } });
    expect(r.body.errors?.[0]?.message).toContain('2020');
    expect((await post(g.url, '{ myOrganizations { id } }', bearer(t.tokens.owner))).status).toBe(200);
  });

  it('sizes a list by its slicing argument, from a literal or a variable, with its own maximum per kind of caller', async () => {
    expect((await post(g.url, '{ checkpoints(first: 5) { treeSize } }')).status).toBe(200);
    const refused = await post(g.url, 'query($n: Int!) { checkpoints(first: $n) { treeSize } }', {}, { n: 11 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.['cost']).toEqual({ estimated: 11, maximum: 10 });
    // a person may spend more on one operation than an anonymous caller
    expect((await post(g.url, 'query($n: Int!) { checkpoints(first: $n) { treeSize } }', bearer(t.tokens.member), { n: 11 })).status).toBe(200);
  });

  it('keeps an estimate per document and slicing values: the same document with a larger size is still refused', async () => {
    const query = 'query Pages($n: Int!, $typename: Boolean!) { checkpoints(first: $n) { treeSize } __typename @include(if: $typename) }';
    const ask = (n: number, typename: boolean) => post(g.url, query, {}, { n, typename });
    expect((await ask(4, true)).status).toBe(200);
    expect((await ask(4, false)).status).toBe(200);
    const refused = await ask(12, true);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.['cost']).toEqual({ estimated: 12, maximum: 10 });
    expect((await ask(4, true)).status).toBe(200);
    expect((await ask(12, false)).body.errors?.[0]?.extensions?.['cost']).toEqual({ estimated: 12, maximum: 10 });
    const metrics = await (await fetch(g.url.replace('/graphql', '/metrics'))).text();
    expect(Number(/etika_gateway_cache_lookups_total\{cache="cost",result="hit"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(3);
  });

  it('a connection’s @listSize sizes its nodes: 100, the largest page, as composition cannot slice by an input field', async () => {
    // 100 nodes × (1 + 4 postings) = 500, above the 100 a person may spend
    const r = await post(g.url, '{ myTransactions(input: { first: 5 }) { nodes { id postings { amount } } } }', bearer(t.tokens.member));
    expect(r.body.errors?.[0]?.extensions?.['cost']).toEqual({ estimated: 501, maximum: 100 });
  });
});
