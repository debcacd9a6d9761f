import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairs, keysFor, type Logger } from '@etika/kit';
import { SUPERGRAPH_PATH, composedSubgraphUrls } from '@etika/schema';
import { ENGINE_NAMES, type EngineName } from '../src/engine/engine.ts';
import { GATEWAY_KEYS, buildGateway, type Gateway, type GatewayOptions } from '../src/server.ts';

/** A subgraph that fails the way a broken one does: what it answers depends on the path it is called at. */
const FAILURES: Record<string, { status: number; body: unknown }> = {
  '/crashed/graphql': { status: 500, body: { errors: [{ message: 'relation "chain.leaves" does not exist: select * from chain.leaves' }] } },
  '/uncoded/graphql': { status: 200, body: { data: { checkpoints: null }, errors: [{ message: 'connect ECONNREFUSED 10.0.0.7:5432', path: ['checkpoints'] }] } },
  '/masked/graphql': { status: 200, body: { data: { checkpoints: null }, errors: [{ message: 'Internal error', path: ['checkpoints'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'theirs' } }] } },
  '/refused/graphql': { status: 200, body: { data: { checkpoints: null }, errors: [{ message: 'Sizes are whole numbers', path: ['checkpoints'], extensions: { code: 'BAD_USER_INPUT', field: 'before', debug: 'at LogService.history (log.service.ts:113)' } }] } },
};

let fake: Server;
let fakeOrigin: string;
const started: { gateway: Gateway; url: string; lines: Record<string, unknown>[] }[] = [];

beforeAll(async () => {
  fake = createServer((req, res) => {
    const failure = FAILURES[req.url ?? ''] ?? { status: 404, body: { error: 'not found' } };
    req.resume();
    res.writeHead(failure.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(failure.body));
  });
  await new Promise<void>((done) => fake.listen(0, '127.0.0.1', done));
  fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of started) await s.gateway.close();
  await new Promise((done) => fake.close(done));
});

/** A gateway whose chain subgraph is the failing one, at `failure`; every other subgraph is never called. */
async function gatewayWith(engine: EngineName, failure: string, production: boolean) {
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const subgraphUrls = Object.fromEntries(Object.keys(composedSubgraphUrls(supergraphSdl)).map((name) => [name, `${fakeOrigin}/${name === 'chain' ? failure : 'unused'}/graphql`]));
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }) as unknown as Logger;
  const pairs = await generateKeyPairs(['gateway', 'identity']);
  const options = { supergraphSdl, subgraphUrls, keys: keysFor(pairs, 'gateway', GATEWAY_KEYS), logger, production, rejectUnauthorized: false, engine } as GatewayOptions;
  const gateway = await buildGateway(options);
  const url = await gateway.listen(0);
  started.push({ gateway, url, lines });
  return { url, lines };
}

async function ask(url: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ checkpoints { treeSize } }' }) });
  const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { requestId: response.headers.get('x-request-id'), body };
}

describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
describe('a subgraph’s failure through the gateway in production', () => {
  it.each(['crashed', 'uncoded', 'masked'])('%s: "Internal error" with the request id, and nothing of the subgraph', async (failure) => {
    const { url, lines } = await gatewayWith(engine, failure, true);
    const { requestId, body } = await ask(url);
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } })]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7|chain\.leaves|serviceName|response|theirs/);
    expect(lines.some((l) => l['requestId'] === requestId && l['err'])).toBe(true);
  });

  it('an expected refusal keeps its code, message and field, not the subgraph’s name or other extensions', async () => {
    const { url } = await gatewayWith(engine, 'refused', true);
    const { body } = await ask(url);
    expect(body.errors?.[0]).toMatchObject({ message: 'Sizes are whole numbers', extensions: { code: 'BAD_USER_INPUT', field: 'before' } });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  });
});

describe('in development', () => {
  it('the developer sees what the subgraph said and which one said it', async () => {
    const { url } = await gatewayWith(engine, 'uncoded', false);
    const { body } = await ask(url);
    expect(body.errors?.[0]?.message).toMatch(/ECONNREFUSED/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', serviceName: 'chain' });
  });
});
});
