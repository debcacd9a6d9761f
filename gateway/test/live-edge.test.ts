import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { createLogger, openBus, type EventBus } from '@etika/kit';
import { addTypenameToDocument, print } from '@apollo/client/utilities';
import type { DocumentNode } from 'graphql';
import { NotificationAddedDocument, WalletChangedDocument } from '../../web/src/gql/graphql.ts';
import { MANIFEST_PATH } from '../src/edge/persisted-manifest.ts';
import { persistedManifest } from '../src/edge/persisted-documents.ts';
import { DEFAULT_LIMITS } from '../src/limits/limits.ts';
import { parseRateLimit, post, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';
import { openBody, openRaw, type RawStream } from './live-fixture.ts';

/**
 * The live route (/graphql/stream) behind the same edge as /graphql: trusted documents, cost limits, operation
 * limits and quotas, through real gateways in front of the test platform (quotas and APQ in Redis with REDIS_URL).
 */
let p: TestPlatform;
let t: Tenant;
let bus: EventBus;
const gateways: EdgeGateway[] = [];
const streams: RawStream[] = [];
const manifest = persistedManifest.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));

const WALLET = 'subscription { walletChanged { transactionId wallet { amount token { id symbol } } } }';
/** The query each walletChanged event runs, as a query of /graphql: the same estimate (1 + 20 × 2) and depth. */
const WALLET_QUERY = '{ me { wallet { amount token { id symbol } } } }';
const NOTIFICATIONS = 'subscription { notificationAdded { id title } }';

/** A subscription as the web app's live client sends it (`registered` in its live operations): as Apollo Client prints it. */
const asTheWebAppSends = (document: DocumentNode) => {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  return { operationName: operation?.name?.value ?? '', query: print(addTypenameToDocument(document)) };
};

async function gateway(overrides: Parameters<typeof startEdgeGateway>[1]): Promise<string> {
  const g = await startEdgeGateway(p, { bus, ...overrides });
  gateways.push(g);
  return g.url;
}

async function open(url: string, body: Record<string, unknown>, headers: Record<string, string>): Promise<RawStream> {
  const stream = await openBody(url, body, headers);
  streams.push(stream);
  return stream;
}

beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'live-edge');
  bus = openBus(undefined, createLogger('bus', 'silent'));
});
afterAll(async () => {
  for (const s of streams) s.close();
  for (const g of gateways) await g.close();
  await bus?.close();
  await p?.close();
});

describe('trusted documents on the live route', () => {
  let url: string;
  beforeAll(async () => {
    url = await gateway({ edge: { persisted: { mode: 'required-for-people', manifest } } });
  });

  it("holds the web app's live subscriptions in the manifest, and opens them as the web app's live client sends them", async () => {
    for (const document of [NotificationAddedDocument, WalletChangedDocument]) {
      const request = asTheWebAppSends(document as DocumentNode);
      expect(manifest.operations.find((o) => o.name === request.operationName)).toMatchObject({ type: 'subscription', body: request.query });
      expect((await open(url, request, bearer(t.tokens.member))).status).toBe(200);
    }
  });

  it('refuses a free-text subscription from a browser with the code /graphql refuses free text with', async () => {
    const onGraphql = await post(url, '{ me { id } }', bearer(t.tokens.member));
    const onStream = await open(url, { query: NOTIFICATIONS }, bearer(t.tokens.member));
    expect(onStream.status).toBe(onGraphql.status);
    expect(onStream.codes).toEqual(['FORBIDDEN']);
    expect(onGraphql.body.errors?.map((e) => e.extensions?.['code'])).toEqual(onStream.codes);
  });

  it('opens a registered subscription by its id; an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
    const id = manifest.operations.find((o) => o.name === 'NotificationAdded')!.id;
    expect((await open(url, { documentId: `sha256:${id}` }, bearer(t.tokens.member))).status).toBe(200);
    expect((await open(url, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, bearer(t.tokens.member))).status).toBe(200);
    const unknown = await open(url, { documentId: `sha256:${'0'.repeat(64)}` }, bearer(t.tokens.member));
    expect(unknown.status).toBe(400);
    expect(unknown.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('opens one by its id over GET too, and answers a body that is not JSON with 400', async () => {
    const id = manifest.operations.find((o) => o.name === 'NotificationAdded')!.id;
    const controller = new AbortController();
    const byGet = await fetch(`${new URL('/graphql/stream', url)}?documentId=sha256:${id}`, { headers: { accept: 'text/event-stream', ...bearer(t.tokens.member) }, signal: controller.signal });
    expect(byGet.status).toBe(200);
    controller.abort();
    const broken = await fetch(new URL('/graphql/stream', url), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(t.tokens.member) }, body: '{"query":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it("lets a partner's key subscribe with free text", async () => {
    const secret = dataOrThrow(await p.gql<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "live partner", scopes: ["token:read"] }) { secret } }', {}, bearer(t.tokens.owner),
    )).createApiKey.secret;
    expect((await open(url, { query: WALLET }, { 'x-api-key': secret })).status).toBe(200);
  });
});

describe('cost and operation limits on the live route', () => {
  let url: string;
  beforeAll(async () => {
    url = await gateway({ limits: { ...DEFAULT_LIMITS, maxDepth: 4 }, edge: { costLimits: { anonymous: 10, user: 30, apiKey: 30 } } });
  });

  it("refuses a subscription whose events' query costs more than the caller may spend on one operation, as /graphql refuses that query", async () => {
    const onGraphql = await post(url, WALLET_QUERY, bearer(t.tokens.member));
    expect(onGraphql.body.errors?.[0]?.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxCost', cost: { estimated: 41, maximum: 30 } });
    const refused = await open(url, { query: WALLET }, bearer(t.tokens.member));
    expect(refused.status).toBe(400);
    expect(refused.errors[0]?.extensions).toEqual(onGraphql.body.errors?.[0]?.extensions);
    expect((await open(url, { query: 'subscription { walletChanged { transactionId kind } }' }, bearer(t.tokens.member))).status).toBe(200);
    expect((await open(url, { query: NOTIFICATIONS }, bearer(t.tokens.member))).status).toBe(200);
  });

  it('refuses a subscription deeper than the operation limits allow', async () => {
    const deep = await open(url, { query: 'subscription { walletChanged { wallet { token { id } } } }' }, bearer(t.tokens.member));
    expect(deep).toMatchObject({ status: 400, codes: ['OPERATION_LIMIT_EXCEEDED'] });
    expect((await post(url, '{ me { wallet { token { id } } } }', bearer(t.tokens.member))).body.errors?.[0]?.extensions?.['code']).toBe('OPERATION_LIMIT_EXCEEDED');
  });
});

describe('rate limits on the live route', () => {
  it("spends each subscription's cost from the caller's quotas when it opens, with the RateLimit headers, and refuses one past them with 429", async () => {
    const url = await gateway({ edge: { rateLimits: { perApiKey: 1_000, perPerson: 50, perOrganization: 5_000, perAddress: 1_000, windowSeconds: 60 } } });
    const first = await open(url, { query: WALLET }, bearer(t.tokens.admin));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"person";q=50;w=60, "organization";q=5000;w=60');
    expect(parseRateLimit(first.headers.get('ratelimit'))['person']!['r']).toBe(50 - 41);
    const cheap = await open(url, { query: NOTIFICATIONS }, bearer(t.tokens.admin));
    expect(cheap.status).toBe(200);
    expect(parseRateLimit(cheap.headers.get('ratelimit'))['person']!['r']).toBe(50 - 41 - 1);
    // a second stream as costly as the first is past the person's quota after two streams: weighted by cost, not count
    const second = await open(url, { query: WALLET }, bearer(t.tokens.admin));
    expect(second).toMatchObject({ status: 429, codes: ['TOO_MANY_REQUESTS'] });
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(second.errors[0]?.extensions).toMatchObject({ policy: 'person', cost: 41 });
  });

  it('a refused subscription spends from the quotas too, as a refused query does', async () => {
    const url = await gateway({ edge: { rateLimits: { perApiKey: 1_000, perPerson: 3, perOrganization: 5_000, perAddress: 1_000, windowSeconds: 60 } } });
    for (let i = 0; i < 3; i++) expect((await openRaw(url, '{ me { id } }', bearer(t.tokens.auditor))).codes).toEqual(['BAD_REQUEST']);
    expect((await openRaw(url, NOTIFICATIONS, bearer(t.tokens.auditor))).codes).toEqual(['TOO_MANY_REQUESTS']);
  });
});
