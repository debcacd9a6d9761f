import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, Rights, generateKeyPairs, keysFor, type Logger } from '@etika/kit';
import { ENGINE_NAMES, type EngineName } from '../src/engine/engine.ts';
import { GATEWAY_KEYS, buildGateway, type Gateway, type GatewayOptions } from '../src/server.ts';
import { startBehavingSubgraph, type BehavingSubgraph } from './behaving-subgraph.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\n';
const ITEMS = [{ id: '1', name: 'one' }];
// the subgraph serves `extra` all along; the first supergraph does not compose it, the second does
const V1 = `${LINK} type Query { items: [Item!]! } type Item @key(fields: "id") { id: ID! name: String! }`;
const V2 = `${LINK} type Query { items: [Item!]! extra: String } type Item @key(fields: "id") { id: ID! name: String! }`;

let catalog: BehavingSubgraph;
let dir: string;
const supergraphOf = (typeDefs: string): string => {
  const composed = composeServices([{ name: 'catalog', url: catalog.url, typeDefs: parse(typeDefs) }]);
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
};

async function gatewayOn(engine: EngineName, supergraphSdl: string, extra: Partial<GatewayOptions> = {}): Promise<{ gateway: Gateway; url: string }> {
  const pairs = await generateKeyPairs(['gateway', 'identity']);
  const rights = new Rights(new MemoryStore());
  await rights.ready(0);
  const gateway = await buildGateway({
    supergraphSdl,
    subgraphUrls: { catalog: catalog.url, identity: 'http://127.0.0.1:9/graphql' },
    keys: keysFor(pairs, 'gateway', GATEWAY_KEYS),
    rights,
    logger: pino({ level: 'silent' }) as unknown as Logger,
    production: true,
    rejectUnauthorized: false,
    engine,
    ...extra,
  });
  return { gateway, url: await gateway.listen(0) };
}

const ask = async (url: string, query: string) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: r.status, body: (await r.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] } };
};

const metricsOf = async (url: string) => (await fetch(url.replace('/graphql', '/metrics'))).text();

const until = async (check: () => Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  catalog = await startBehavingSubgraph('catalog', V2, { Query: { items: () => ITEMS, extra: () => 'more' }, Item: { __resolveReference: (ref: { id: string }) => ITEMS.find((i) => i.id === ref.id) } });
  dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
});
afterAll(async () => {
  await catalog?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
describe('hot reload of the supergraph file', () => {
  it('applies a new supergraph under load with no failed request, and keeps the old one when the new one is bad', async () => {
    const path = join(dir, 'supergraph.graphql');
    writeFileSync(path, supergraphOf(V1));
    const { gateway, url } = await gatewayOn(engine, supergraphOf(V1), { supergraphPath: path, supergraphPollMs: 20 });
    try {
      expect((await ask(url, '{ extra }')).status).toBe(200);
      expect((await ask(url, '{ extra }')).body.errors).toBeDefined();
      let running = true;
      const answers: { status: number; ok: boolean }[] = [];
      const workers = Array.from({ length: 8 }, async () => {
        while (running) {
          const r = await ask(url, '{ items { id name } }');
          answers.push({ status: r.status, ok: !r.body.errors && (r.body.data?.['items'] as unknown[] | undefined)?.length === 1 });
        }
      });
      await new Promise((r) => setTimeout(r, 150));
      writeFileSync(path, supergraphOf(V2));
      await until(async () => (await ask(url, '{ extra }')).body.data?.['extra'] === 'more');
      writeFileSync(path, 'this is not a supergraph');
      // the watcher has read the bad text (and refused it) before the good one replaces it
      await until(async () => (await metricsOf(url)).includes('etika_gateway_supergraph_reloads_total{result="error"} 1'));
      expect((await ask(url, '{ extra }')).body.data?.['extra']).toBe('more');
      writeFileSync(path, supergraphOf(V1));
      await until(async () => (await ask(url, '{ extra }')).body.errors !== undefined);
      running = false;
      await Promise.all(workers);
      expect(answers.length).toBeGreaterThan(50);
      expect(answers.filter((a) => a.status !== 200 || !a.ok)).toEqual([]);
      const metrics = await metricsOf(url);
      expect(metrics).toContain('etika_gateway_supergraph_reloads_total{result="ok"} 2');
      expect(metrics).toContain('etika_gateway_supergraph_reloads_total{result="error"} 1');
    } finally {
      await gateway.close();
    }
  }, 30_000);

  it('lets the requests in flight during a reload finish on the supergraph they started with', async () => {
    const path = join(dir, `in-flight-${engine}.graphql`);
    writeFileSync(path, supergraphOf(V1));
    const { gateway, url } = await gatewayOn(engine, supergraphOf(V1), { supergraphPath: path, supergraphPollMs: 20 });
    try {
      expect((await ask(url, '{ items { id } }')).status).toBe(200);
      catalog.behave({ kind: 'slow', ms: 600 });
      const before = catalog.calls.length;
      const inFlight = Array.from({ length: 5 }, (_, i) => ask(url, `{ i${i}: items { id name } }`));
      await until(async () => catalog.calls.length - before >= 5);
      writeFileSync(path, supergraphOf(V2));
      await until(async () => (await metricsOf(url)).includes('etika_gateway_supergraph_reloads_total{result="ok"} 1'));
      const answers = await Promise.all(inFlight);
      expect(answers.map((a) => [a.status, a.body.errors])).toEqual(Array(5).fill([200, undefined]));
      expect(answers.every((a, i) => (a.body.data?.[`i${i}`] as unknown[]).length === 1)).toBe(true);
      catalog.behave({ kind: 'ok' });
      expect((await ask(url, '{ extra }')).body.data).toEqual({ extra: 'more' });
    } finally {
      catalog.behave({ kind: 'ok' });
      await gateway.close();
    }
  }, 30_000);
});

describe('graceful shutdown', () => {
  it('answers every request in flight before closing, and takes no new ones', async () => {
    const { gateway, url } = await gatewayOn(engine, supergraphOf(V1));
    catalog.behave({ kind: 'slow', ms: 400 });
    try {
      const before = catalog.calls.length;
      // ten different documents, so no two are one deduplicated subgraph fetch
      const inFlight = Array.from({ length: 10 }, (_, i) => ask(url, `{ i${i}: items { id } }`));
      // every request has reached the subgraph, which answers 400 ms later: all ten are in flight
      await until(async () => catalog.calls.length - before >= 10);
      const closed = gateway.close();
      await new Promise((r) => setTimeout(r, 50));
      await expect(fetch(url.replace('/graphql', '/readyz'))).rejects.toThrow();
      const answers = await Promise.all(inFlight);
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.every((a, i) => (a.body.data?.[`i${i}`] as unknown[]).length === 1)).toBe(true);
      await closed;
    } finally {
      catalog.behave({ kind: 'ok' });
    }
  }, 30_000);
});
});
