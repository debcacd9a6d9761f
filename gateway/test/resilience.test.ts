import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore, Rights, generateKeyPairs, importPrivateKey, keysFor, signToken, type Logger } from '@etika/kit';
import { PRINCIPAL_HEADER, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@etika/schema';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { GATEWAY_KEYS, buildGateway, type Gateway } from '../src/server.ts';
import type { SubgraphFetchOutcome } from '../src/subgraphs/observer.ts';
import { startBehavingSubgraph, type BehavingSubgraph } from './behaving-subgraph.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible"])\n';
const ITEMS = [{ id: '1', name: 'one' }, { id: '2', name: 'two' }];

describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let catalog: BehavingSubgraph;
let pricing: BehavingSubgraph;
let gateway: Gateway;
let url: string;
let signAccess: (userId: string, orgId: string) => Promise<string>;
const outcomes: SubgraphFetchOutcome[] = [];

beforeAll(async () => {
  catalog = await startBehavingSubgraph('catalog', `${LINK}
    type Query { items: [Item!]! slowEcho(word: String!): String }
    type Item @key(fields: "id") { id: ID! name: String! secretCode: String @inaccessible }`, {
    Query: { items: () => ITEMS, slowEcho: (_: unknown, { word }: { word: string }) => word },
    Item: { __resolveReference: (ref: { id: string }) => ITEMS.find((i) => i.id === ref.id) },
  });
  let bumps = 0;
  pricing = await startBehavingSubgraph('pricing', `${LINK}
    type Query { currency: String }
    type Mutation { bump: Int }
    type Item @key(fields: "id") { id: ID! price: String }`, {
    Query: { currency: () => 'EUR' },
    Mutation: { bump: () => ++bumps },
    Item: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, price: `${ref.id}00` }) },
  });
  const composed = composeServices([catalog, pricing].map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.typeDefs) })));
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
  const pairs = await generateKeyPairs(['gateway', 'identity']);
  const identityKey = await importPrivateKey(pairs['identity']!.privateJwk);
  signAccess = (userId, orgId) =>
    signToken(identityKey, { sid: randomUUID(), org: orgId, role: 'member', scp: [], ep: 0 }, { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access, subject: userId, expiresInSeconds: 300, jti: randomUUID() });
  const rights = new Rights(new MemoryStore());
  await rights.ready(0);
  gateway = await buildGateway({
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: { catalog: catalog.url, pricing: pricing.url, identity: 'http://127.0.0.1:9/graphql' },
    keys: keysFor(pairs, 'gateway', GATEWAY_KEYS),
    rights,
    logger: pino({ level: 'silent' }) as unknown as Logger,
    production: true,
    rejectUnauthorized: false,
    subgraphs: { timeoutMs: 300, timeouts: { catalog: 2_000 }, retries: 2, breaker: { failures: 3, cooldownMs: 400 }, deduplicate: true },
    subgraphObservers: [{ onSubgraphFetch: (o) => outcomes.push(o) }],
    engine,
  });
  url = await gateway.listen(0);
});
afterAll(async () => {
  await gateway.close();
  await catalog.close();
  await pricing.close();
});
beforeEach(() => {
  catalog.behave({ kind: 'ok' });
  pricing.behave({ kind: 'ok' });
  catalog.calls.length = 0;
  pricing.calls.length = 0;
  outcomes.length = 0;
});

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function ask(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return (await response.json()) as Answer;
}

const ITEMS_WITH_PRICES = '{ items { id name price } }';
const pricingOutcomes = () => outcomes.filter((o) => o.subgraph === 'pricing');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits out the breaker's cooldown and lets one good probe close the circuit again. */
async function recover() {
  pricing.behave({ kind: 'ok' });
  await sleep(450);
  await ask(ITEMS_WITH_PRICES);
  outcomes.length = 0;
  pricing.calls.length = 0;
}

describe('a supergraph in which a subgraph uses @inaccessible', () => {
  it('starts, and the hidden field is not part of the API', async () => {
    expect((await ask('{ items { id name } }')).data).toEqual({ items: ITEMS });
    const hidden = await ask('{ items { secretCode } }');
    expect(hidden.data).toBeUndefined();
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('subgraph resilience through the gateway', () => {
  it('answers everything else when a subgraph hangs, with its fields null and a clear error, within its timeout', async () => {
    pricing.behave({ kind: 'hang' });
    const started = performance.now();
    const answer = await ask(ITEMS_WITH_PRICES);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(answer.data).toEqual({ items: ITEMS.map((i) => ({ ...i, price: null })) });
    expect(answer.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/did not answer within 300 ms; the fields it serves are null/), extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    expect(pricingOutcomes()).toEqual([expect.objectContaining({ ok: false, error: 'timeout', attempt: 0, breaker: 'closed' })]);
    expect(pricing.calls).toHaveLength(1);
    await recover();
  });

  it('keeps the other subgraphs’ data when one fails, and reports the failure to observers', async () => {
    pricing.behave({ kind: 'status', status: 500 });
    const answer = await ask(ITEMS_WITH_PRICES);
    expect(answer.data).toEqual({ items: ITEMS.map((i) => ({ ...i, price: null })) });
    expect(answer.errors).toEqual([expect.objectContaining({ message: 'Internal error', extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) })]);
    expect(pricingOutcomes()).toEqual([expect.objectContaining({ subgraph: 'pricing', ok: false, error: 'http', status: 500 })]);
    expect(pricingOutcomes()[0]!.durationMs).toBeGreaterThan(0);
    await recover();
  });

  it('tells the client to retry, with the subgraph’s own wait, when a subgraph answers 503 (its database or Redis down)', async () => {
    pricing.behave({ kind: 'status', status: 503, times: 1, retryAfter: 7 });
    const mutation = await ask('mutation { bump }');
    expect(pricing.calls).toHaveLength(1);
    expect(mutation.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/cannot answer right now; the fields it serves are null/), extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 7 } })]);
  });

  it('retries a query the subgraph could not serve, but never a mutation', async () => {
    pricing.behave({ kind: 'status', status: 503, times: 1 });
    expect((await ask('{ currency }')).data).toEqual({ currency: 'EUR' });
    expect(pricing.calls).toHaveLength(2);
    expect(pricingOutcomes().map((o) => [o.attempt, o.ok])).toEqual([[0, false], [1, true]]);

    pricing.calls.length = 0;
    pricing.behave({ kind: 'status', status: 503, times: 1 });
    const mutation = await ask('mutation { bump }');
    // @apollo/gateway nulls the field, the Rust planner's executor the whole data: either way nothing was bumped
    expect([{ bump: null }, null]).toContainEqual(mutation.data);
    expect(mutation.errors).toHaveLength(1);
    expect(pricing.calls).toHaveLength(1);
    expect((await ask('mutation { bump }')).data).toEqual({ bump: 1 });
  });

  it('opens the circuit after repeated failures, stops calling the subgraph, and closes it once the subgraph recovers', async () => {
    pricing.behave({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) await ask(ITEMS_WITH_PRICES);
    expect(pricing.calls).toHaveLength(3);
    expect(pricingOutcomes().at(-1)?.breaker).toBe('open');

    const refused = await ask(ITEMS_WITH_PRICES);
    expect(pricing.calls).toHaveLength(3);
    expect(refused.data).toEqual({ items: ITEMS.map((i) => ({ ...i, price: null })) });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(pricingOutcomes().at(-1)).toMatchObject({ ok: false, error: 'circuit-open', durationMs: 0 });

    pricing.behave({ kind: 'ok' });
    await sleep(450);
    const recovered = await ask(ITEMS_WITH_PRICES);
    expect(recovered).toEqual({ data: { items: ITEMS.map((i) => ({ ...i, price: `${i.id}00` })) } });
    expect(pricingOutcomes().at(-1)).toMatchObject({ ok: true, breaker: 'closed' });
  });

  it('a hanging subgraph’s timeout is its own: another subgraph may be given longer', async () => {
    catalog.behave({ kind: 'slow', ms: 500 });
    expect((await ask('{ items { id } }')).data).toEqual({ items: [{ id: '1' }, { id: '2' }] });
  });
});

describe('deduplication of identical in-flight subgraph fetches', () => {
  const echo = '{ slowEcho(word: "same") }';

  it('shares one fetch between identical concurrent queries of one principal', async () => {
    const token = await signAccess(randomUUID(), randomUUID());
    // The first request plans the query; warmed, the three below reach the fetch well within the slow answer.
    await ask(echo, { authorization: `Bearer ${token}` });
    catalog.calls.length = 0;
    catalog.behave({ kind: 'slow', ms: 600 });
    const answers = await Promise.all([1, 2, 3].map(() => ask(echo, { authorization: `Bearer ${token}` })));
    expect(answers.map((a) => a.data)).toEqual([1, 2, 3].map(() => ({ slowEcho: 'same' })));
    expect(catalog.calls).toHaveLength(1);
  });

  it('never shares one across principals or organisations: each gets a fetch made with its own principal', async () => {
    catalog.behave({ kind: 'slow', ms: 150 });
    const userId = randomUUID();
    const tokens = await Promise.all([signAccess(userId, randomUUID()), signAccess(userId, randomUUID()), signAccess(randomUUID(), randomUUID())]);
    const answers = await Promise.all([...tokens.map((t) => ask(echo, { authorization: `Bearer ${t}` })), ask(echo)]);
    expect(answers.map((a) => a.data)).toEqual([1, 2, 3, 4].map(() => ({ slowEcho: 'same' })));
    expect(catalog.calls).toHaveLength(4);
    expect(new Set(catalog.calls.map((c) => c.headers[PRINCIPAL_HEADER])).size).toBe(4);
  });

  it('never shares a mutation', async () => {
    pricing.behave({ kind: 'slow', ms: 150 });
    await Promise.all([ask('mutation { bump }'), ask('mutation { bump }')]);
    expect(pricing.calls).toHaveLength(2);
  });
});
});
