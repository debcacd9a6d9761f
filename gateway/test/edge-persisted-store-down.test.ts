import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openBus, type EventBus } from '@etika/kit';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { MANIFEST_PATH } from '../src/edge/persisted-manifest.ts';
import { persistedManifest, sha256Hex } from '../src/edge/persisted-documents.ts';
import { startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

/**
 * The APQ store is a real Redis of this test's own, stopped half-way: the web app's documents (the build's
 * manifest, in memory) keep running, and partners' APQ by hash alone gets a retryable SERVICE_UNAVAILABLE.
 */
const PORT = Number(process.env['PERSISTED_STORE_TEST_PORT'] ?? 56560);
let redis: ChildProcess | null = null;
let p: TestPlatform;
let t: Tenant;
let g: EdgeGateway;
let partner: string;
let bus: EventBus;
const manifest = persistedManifest.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => resolve(socket.end() && true)).on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no Redis on ${port}`);
}

async function stopRedis(): Promise<void> {
  const child = redis;
  redis = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  redis = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await listening(PORT);
  p = await startTestPlatform();
  t = await seedTenant(p, 'store-down');
  // a bus turns the live route on
  bus = openBus(undefined, createLogger('bus', 'silent'));
  g = await startEdgeGateway(p, { bus, edge: { persisted: { mode: 'required-for-people', manifest }, redisUrl: `redis://127.0.0.1:${PORT}` } });
  partner = dataOrThrow(await p.gql<{ createApiKey: { secret: string } }>(
    'mutation { createApiKey(input: { name: "apq", scopes: ["token:read"] }) { secret } }', {}, bearer(t.tokens.owner),
  )).createApiKey.secret;
});
afterAll(async () => {
  await stopRedis();
  await g?.close();
  await bus?.close();
  await p?.close();
});

async function send(body: Record<string, unknown>, headers: Record<string, string>) {
  const r = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body: JSON.stringify(body) });
  return { status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('persisted documents while the APQ store is down', () => {
  it('runs the web app’s documents, runs a partner’s hash with its text, and refuses a hash alone with a retryable error', async () => {
    const query = `query PartnerTokens { tokens { id symbol } } # ${Math.random()}`;
    const hash = sha256Hex(query);
    const apq = (extra: Record<string, unknown> = {}) => send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, ...extra }, { 'x-api-key': partner });
    expect((await apq({ query })).status).toBe(200);
    expect((await apq()).status).toBe(200);

    // a store that takes commands and answers none (a partition): refused within the read's time limit, not held
    execFileSync('redis-cli', ['-p', String(PORT), 'client', 'pause', '3000', 'ALL']);
    const started = Date.now();
    const paused = await apq();
    expect(paused.status).toBe(503);
    expect(paused.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(1_500);

    await stopRedis();
    const shell = manifest.operations.find((o) => o.name === 'Shell')!;
    const byId = await send({ documentId: `sha256:${shell.id}` }, bearer(t.tokens.member));
    expect(byId.status).toBe(200);
    expect((byId.body.data?.['me'] as { id: string }).id).toBe(t.userIds.member);

    const alone = await apq();
    expect(alone.status).toBe(503);
    expect(alone.retryAfter).toBe('1');
    expect(alone.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(alone.body.errors?.[0]?.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|redis/i);
    // the same on the live stream endpoint
    const live = await fetch(new URL('/graphql/stream', g.url), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': partner }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }) });
    expect(live.status).toBe(503);
    expect(live.headers.get('retry-after')).toBe('1');
    expect(JSON.stringify(await live.json())).toContain('SERVICE_UNAVAILABLE');
    // with its text the document needs no store to run; only keeping it for later is skipped
    const other = `query PartnerTokens { tokens { id } } # ${Math.random()}`;
    const withText = await send({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(other) } } }, { 'x-api-key': partner });
    expect(withText.status).toBe(200);
    expect(withText.body.data?.['tokens']).toEqual([]);
  });
});
