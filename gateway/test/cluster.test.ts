import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairs } from '@etika/kit';
import { freePort } from '@etika/platform';
import { startBehavingSubgraph, type BehavingSubgraph } from './behaving-subgraph.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\n';
const ITEMS = [{ id: '1', name: 'one' }, { id: '2', name: 'two' }];
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface LogLine {
  readonly msg: string;
  readonly worker?: number;
  readonly pid?: number;
  readonly path?: string;
  readonly status?: number;
}

let catalog: BehavingSubgraph;
let identity: BehavingSubgraph;
let primary: ChildProcess;
let exited: Promise<number | null>;
let origin: string;
const logs: LogLine[] = [];

/** Resolves once a log line matches, however long ago it was written. */
async function logged(matches: (line: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.find(matches);
    if (line) return line;
    if (Date.now() > until) throw new Error(`no such log line in:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One GraphQL request on a connection of its own, so the primary hands it to the next worker. */
async function ask(query: string): Promise<{ status: number; body: { data?: unknown; errors?: unknown } }> {
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    const response = await request(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ query }),
      dispatcher,
    });
    return { status: response.statusCode, body: (await response.body.json()) as { data?: unknown; errors?: unknown } };
  } finally {
    await dispatcher.close();
  }
}

const workerPids = () => [...new Set(logs.filter((l) => l.msg === 'gateway worker started').map((l) => l.pid!))];
const servedBy = () => new Set(logs.filter((l) => l.msg === 'request' && l.path === '/graphql').map((l) => l.worker));

beforeAll(async () => {
  catalog = await startBehavingSubgraph('catalog', `${LINK}
    type Query { items: [Item!]! echo(word: String!): String }
    type Item @key(fields: "id") { id: ID! name: String! }`, {
    Query: { items: () => ITEMS, echo: (_: unknown, { word }: { word: string }) => word },
    Item: { __resolveReference: (ref: { id: string }) => ITEMS.find((i) => i.id === ref.id) },
  });
  identity = await startBehavingSubgraph('identity', `${LINK}
    type Query { identityVersion: String }`, { Query: { identityVersion: () => '1' } });
  const composed = composeServices([catalog, identity].map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.typeDefs) })));
  if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'etika-gateway-cluster-'));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  const pairs = await generateKeyPairs(['gateway', 'identity']);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  primary = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      GATEWAY_WORKERS: '2',
      HOST: '127.0.0.1',
      PORT: String(port),
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      SUPERGRAPH_RELOAD: 'off',
      PERSISTED_DOCUMENTS: 'off',
      DATA_DIR: dir,
      WEB_DIST: join(dir, 'no-web-app'),
      DRAIN_TIMEOUT_MS: '10000',
      GATEWAY_PRIVATE_KEY: JSON.stringify(pairs['gateway']!.privateJwk),
      GATEWAY_PUBLIC_KEY: JSON.stringify(pairs['gateway']!.publicJwk),
      IDENTITY_PUBLIC_KEY: JSON.stringify(pairs['identity']!.publicJwk),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  exited = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
  let partial = '';
  primary.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
  });
  await logged((l) => l.msg === 'gateway cluster listening', 120_000);
}, 150_000);

afterAll(async () => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
  await catalog.close();
  await identity.close();
});

describe('a gateway cluster (GATEWAY_WORKERS=2)', () => {
  it('answers from both workers, sharing one port', async () => {
    expect(workerPids()).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 20 }, () => ask('{ items { id name } }')));
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { data: { items: ITEMS } } });
    await logged(() => logs.filter((l) => l.msg === 'request' && l.path === '/graphql').length === 20);
    expect(servedBy().size).toBe(2);
  });

  it('serves at /metrics the sum of every worker’s metrics', async () => {
    const perWorker = [...servedBy()].map((w) => logs.filter((l) => l.msg === 'request' && l.path === '/graphql' && l.worker === w).length);
    expect(Math.max(...perWorker)).toBeLessThan(20);
    const response = await request(`${origin}/metrics`);
    expect(response.statusCode).toBe(200);
    const text = await response.body.text();
    const served = /^etika_gateway_http_request_duration_seconds_count\{[^}]*route="\/graphql"[^}]*status="200"[^}]*\} (\d+)$/m.exec(text);
    expect(Number(served?.[1])).toBe(20);
  });

  it('replaces a worker that dies, and goes on answering', async () => {
    const [victim, survivor] = workerPids();
    process.kill(victim!, 'SIGKILL');
    await logged((l) => l.msg === 'a gateway worker exited; starting another' && l.pid === victim);
    const replacement = await logged((l) => l.msg === 'gateway worker started' && l.pid !== victim && l.pid !== survivor);
    await logged((l) => l.msg === 'gateway listening' && l.worker === replacement.worker);
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask('{ items { id } }')));
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { data: { items: [{ id: '1' }, { id: '2' }] } } });
  }, 90_000);

  it('drains every worker on SIGTERM: each request in flight is answered, then the port closes', async () => {
    catalog.behave({ kind: 'slow', ms: 1_500 });
    const before = catalog.calls.length;
    const inFlight = Array.from({ length: 10 }, (_, i) => ask(`{ echo(word: "w${i}") }`));
    await logged(() => catalog.calls.length - before === 10);
    primary.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    answers.forEach((answer, i) => expect(answer).toEqual({ status: 200, body: { data: { echo: `w${i}` } } }));
    expect(await exited).toBe(0);
    await expect(ask('{ items { id } }')).rejects.toThrow();
  }, 60_000);
});
