import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  const web = mkdtempSync(join(tmpdir(), 'etika-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
  p = await startTestPlatform({ webDist: web });
  t = await seedTenant(p, 'requests');
});
afterAll(() => p?.close());

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

async function post(payload: unknown, accept: string, headers: Record<string, string> = {}) {
  const r = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: JSON.stringify(payload) });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as Body };
}

const JSON_TYPE = 'application/json';
const GRAPHQL_JSON = 'application/graphql-response+json';

describe('GraphQL over HTTP: request errors by media type', () => {
  const failures = [
    ['a parse failure', { query: '{ me { id ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation failure', { query: '{ me { password } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable-coercion failure', { query: 'query($n: Int!) { checkpoints(first: $n) { treeSize } }', variables: { n: 'ten' } }, 'BAD_USER_INPUT'],
    ['a missing variable', { query: 'query($n: Int!) { checkpoints(first: $n) { treeSize } }' }, 'BAD_USER_INPUT'],
  ] as const;

  it.each(failures)('with accept: application/json, %s answers 200 with the errors', async (_name, payload, code) => {
    const r = await post(payload, JSON_TYPE, bearer(t.tokens.member));
    expect(r.status).toBe(200);
    expect(r.type).toContain(JSON_TYPE);
    expect(r.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(r.body.data ?? null).toBeNull();
  });

  it.each(failures)('with application/graphql-response+json, %s keeps 400', async (_name, payload, code) => {
    const r = await post(payload, GRAPHQL_JSON, bearer(t.tokens.member));
    expect(r.status).toBe(400);
    expect(r.type).toContain(GRAPHQL_JSON);
    expect(r.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it.each([
    ['several operations and no operationName', { query: 'query A { __typename } query B { __typename }' }],
    ['an unknown operationName', { query: 'query A { __typename }', operationName: 'Nope' }],
    ['an operationName for a document with several, naming none of them', { query: 'query A { __typename } query B { __typename }', operationName: 'C' }],
  ])('%s is a 400 with a GraphQL error', async (_name, payload) => {
    for (const accept of [JSON_TYPE, GRAPHQL_JSON]) {
      const r = await post(payload, accept);
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
  });

  it('a named operation among several runs', async () => {
    const r = await post({ query: 'query A { __typename } query B { b: __typename }', operationName: 'B' }, GRAPHQL_JSON);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ b: 'Query' });
  });

  it('over GET too', async () => {
    const url = `${p.gatewayUrl}?query=${encodeURIComponent('query A { __typename } query B { __typename }')}`;
    const r = await fetch(url, { headers: { accept: GRAPHQL_JSON } });
    expect(r.status).toBe(400);
    expect(((await r.json()) as Body).errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});

describe('the root-field limit counts fields however they are spread', () => {
  const roots = Array.from({ length: 28 }, (_, i) => `a${i}: __typename`).join(' ');
  it.each([
    ['an inline fragment on the root type', `{ ... on Query { ${roots} } }`],
    ['nested inline fragments', `{ ... { ... on Query { ${roots} } } }`],
    ['a named fragment on the root type', `{ ...Roots } fragment Roots on Query { ${roots} }`],
    ['fields beside a fragment', `{ b0: __typename ...Roots } fragment Roots on Query { ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
  ])('%s', async (_name, query) => {
    const r = await post({ query }, GRAPHQL_JSON);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(r.body.errors?.[0]?.message).toMatch(/root fields/);
  });

  it('twenty root fields through a fragment are fine', async () => {
    const r = await post({ query: `{ ... on Query { ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} } }` }, GRAPHQL_JSON);
    expect(r.status).toBe(200);
  });
});

describe('the web app', () => {
  const origin = () => new URL(p.gatewayUrl).origin;

  it.each(['/%E0%A4%A', '/assets/%', '/%ZZ'])('a malformed percent-escape in %s is a 400', async (path) => {
    const r = await fetch(`${origin()}${path}`);
    expect(r.status).toBe(400);
  });

  it.each(['/', '/wallet', '/assets/app.js'])('%s is served with the security headers', async (path) => {
    const r = await fetch(`${origin()}${path}`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toBeNull();
  });
});
