import { readFileSync } from 'node:fs';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ShellDocument } from '../../web/src/gql/graphql.ts';
import { MANIFEST_PATH, manifestText, webManifest } from '../src/edge/persisted-manifest.ts';
import { persistedManifest, sha256Hex } from '../src/edge/persisted-documents.ts';
import { post, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

// on memory, or with the APQ store in the Redis at REDIS_URL when it is set
let p: TestPlatform;
let t: Tenant;
let g: EdgeGateway;
let partner: string;
const manifest = persistedManifest.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')));
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'persisted');
  g = await startEdgeGateway(p, { edge: { persisted: { mode: 'required-for-people', manifest } } });
  partner = dataOrThrow(await p.gql<{ createApiKey: { secret: string } }>(
    'mutation { createApiKey(input: { name: "apq", scopes: ["token:read"] }) { secret } }', {}, bearer(t.tokens.owner),
  )).createApiKey.secret;
});
afterAll(async () => {
  await g?.close();
  await p?.close();
});

async function send(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const r = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const TOKENS = 'query PartnerTokens { tokens { id symbol } }';

describe('trusted documents', () => {
  it('the committed manifest holds every document the web app generates, as Apollo Client sends it', async () => {
    expect(readFileSync(MANIFEST_PATH, 'utf8')).toBe(manifestText(await webManifest()));
    expect(manifest.operations.length).toBeGreaterThan(10);
  });

  it("the web app's own client runs its documents when people may run registered documents only", async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: g.url, headers: { ...bearer(t.tokens.member), accept: 'application/graphql-response+json' } }), cache: new InMemoryCache() });
    const { data } = await client.query({ query: ShellDocument });
    expect(data?.me?.id).toBe(t.userIds.member);
  });

  it('refuses a free-text document from a browser, signed in or not', async () => {
    const signedIn = await post(g.url, '{ me { id email } }', bearer(t.tokens.member));
    expect(signedIn.status).toBe(403);
    expect(signedIn.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await post(g.url, '{ __typename }')).status).toBe(403);
  });

  it('runs a registered document by its id, over POST and GET; an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
    const shell = manifest.operations.find((o) => o.name === 'Shell')!;
    const byId = await send({ documentId: `sha256:${shell.id}` }, bearer(t.tokens.member));
    expect(byId.status).toBe(200);
    expect((byId.body.data?.['me'] as { id: string }).id).toBe(t.userIds.member);
    const apqShape = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: shell.id } } }, bearer(t.tokens.member));
    expect((apqShape.body.data?.['me'] as { id: string }).id).toBe(t.userIds.member);
    const get = await fetch(`${g.url}?documentId=sha256:${shell.id}`, { headers: { accept: 'application/graphql-response+json', ...bearer(t.tokens.member) } });
    expect(get.status).toBe(200);
    const unknown = await send({ documentId: `sha256:${'0'.repeat(64)}` }, bearer(t.tokens.member));
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('automatic persisted queries from partners', () => {
  it('registers a document by hash and text, then runs it by hash alone', async () => {
    const query = `${TOKENS} # ${Math.random()}`;
    const hash = sha256Hex(query);
    const apq = (extra: Record<string, unknown> = {}) => send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, ...extra }, { 'x-api-key': partner });
    expect((await apq()).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await apq({ query });
    expect(registered.status).toBe(200);
    expect(registered.body.data?.['tokens']).toEqual([]);
    const byHash = await apq();
    expect(byHash.status).toBe(200);
    expect(byHash.body.data?.['tokens']).toEqual([]);
    // a person cannot run what a partner registered: people run the web app's documents only
    expect((await send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, bearer(t.tokens.member))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a hash that is not the text’s, and lets partners send free text', async () => {
    const wrong = await send({ query: TOKENS, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, { 'x-api-key': partner });
    expect(wrong.status).toBe(400);
    expect((await post(g.url, TOKENS, { 'x-api-key': partner })).status).toBe(200);
  });
});
