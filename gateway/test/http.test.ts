import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'http');
});
afterAll(() => p?.close());

const GRAPHQL_JSON = 'application/graphql-response+json';

async function post(body: string, headers: Record<string, string> = {}) {
  const r = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: GRAPHQL_JSON, ...headers }, body });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('GraphQL over HTTP', () => {
  it('answers GET for queries, with the media type asked for', async () => {
    const url = `${p.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`;
    const r = await fetch(url, { headers: { accept: GRAPHQL_JSON, ...bearer(t.tokens.member) } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain(GRAPHQL_JSON);
    expect(((await r.json()) as { data: { me: { id: string } } }).data.me.id).toBe(t.userIds.member);
    const legacy = await fetch(url, { headers: { accept: 'application/json', ...bearer(t.tokens.member) } });
    expect(legacy.headers.get('content-type')).toContain('application/json');
  });

  it('refuses a mutation over GET with 405', async () => {
    const url = `${p.gatewayUrl}?query=${encodeURIComponent('mutation { signOut }')}`;
    const r = await fetch(url, { headers: { accept: GRAPHQL_JSON, ...bearer(t.tokens.member) } });
    expect(r.status).toBe(405);
  });

  it('a plain cross-site GET without credentials is not blocked as CSRF (the spec requires GET)', async () => {
    const r = await fetch(`${p.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(r.status).toBe(200);
  });

  it('refuses a cookie-bearing request without an explicit credential (CSRF)', async () => {
    const r = await fetch(`${p.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { cookie: 'session=abc' } });
    expect(r.status).toBe(400);
  });

  it('refuses bodies that are not JSON with 415, and broken JSON with 400', async () => {
    const form = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(form.status).toBe(415);
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('a malformed document is a 400 with GRAPHQL_PARSE_FAILED', async () => {
    const r = await post(JSON.stringify({ query: '{ me { id ' }), bearer(t.tokens.member));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('an unknown field is a 400 with GRAPHQL_VALIDATION_FAILED', async () => {
    const r = await post(JSON.stringify({ query: '{ me { password } }' }), bearer(t.tokens.member));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a variable of the wrong type is BAD_USER_INPUT and changes nothing', async () => {
    const r = await post(JSON.stringify({ query: 'mutation($role: MemberRole!) { inviteMember(email: "x@y.dev", role: $role) { id } }', variables: { role: 42 } }), bearer(t.tokens.owner));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an oversize body is refused with 413', async () => {
    const r = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(1_100_000) } }) });
    expect(r.status).toBe(413);
  });

  it('refuses abusive documents before any work: depth, aliases, tokens', async () => {
    const deep = `{ me { ${'memberships { organization { members { user { '.repeat(4)}id${' } } } }'.repeat(4)} } }`;
    expect((await post(JSON.stringify({ query: deep }), bearer(t.tokens.owner))).body.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await post(JSON.stringify({ query: aliases }))).body.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
    const tokens = `{ ${'__typename '.repeat(6_000)} }`;
    const many = await post(JSON.stringify({ query: tokens }));
    expect(many.status).toBe(400);
    expect(many.body.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_PARSE_FAILED|OPERATION_LIMIT_EXCEEDED/);
  });

  it('health and readiness answer', async () => {
    const origin = new URL(p.gatewayUrl).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
  });

  it('passes a request id on and returns it', async () => {
    const r = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('subgraphs called directly', () => {
  it.each(['identity', 'org'] as const)('%s answers 401 without a gateway-signed principal token', async (name) => {
    const r = await fetch(p.subgraphUrls[name], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    expect(r.status).toBe(401);
    const forged = await fetch(p.subgraphUrls[name], { method: 'POST', headers: { 'content-type': 'application/json', 'etika-principal': t.tokens.owner }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    expect(forged.status).toBe(401);
  });
});
