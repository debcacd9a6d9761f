import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { PASSWORD, seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { PARTNER_GRANTABLE } from '@etika/schema';
import type { RateLimitSettings } from '../src/edge/rate-limit.ts';
import { parseRateLimit, post, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

// on memory, or on the Redis at REDIS_URL when it is set
let p: TestPlatform;
let t: Tenant;
const opened: EdgeGateway[] = [];
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'ratelimits');
});
afterAll(async () => {
  for (const g of opened) await g.close();
  await p?.close();
});

const LIMITS: RateLimitSettings = { perApiKey: 1_000, perPerson: 1_000, perOrganization: 5_000, perAddress: 1_000, windowSeconds: 60 };

async function gatewayWith(limits: Partial<RateLimitSettings>, trustedProxies: string[] = [], storeNamespace?: string): Promise<string> {
  const g = await startEdgeGateway(p, { edge: { rateLimits: { ...LIMITS, ...limits }, trustedProxies, ...(storeNamespace ? { storeNamespace } : {}) } });
  opened.push(g);
  return g.url;
}

/** myOrganizations is a list of assumed size 20 of objects weighing 1 each: an estimated cost of 20. */
const TWENTY = '{ myOrganizations { id } }';
const ONE = '{ me { id } }';
/** Anonymous callers may ask for __typename only: cost 0, spending the minimum of 1. */
const ANYONE = '{ __typename }';

async function partnerKey(perMinute: number | null): Promise<string> {
  const created = dataOrThrow(await p.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
    { input: { name: `limited ${randomUUID().slice(0, 6)}`, scopes: PARTNER_GRANTABLE } },
    bearer(t.tokens.owner),
  )).createApiKey;
  if (perMinute !== null) {
    const set = dataOrThrow(await p.gql<{ setApiKeyRateLimit: { rateLimitPerMinute: number } }>(
      'mutation($id: ID!, $n: Int) { setApiKeyRateLimit(id: $id, perMinute: $n) { rateLimitPerMinute } }',
      { id: created.apiKey.id, n: perMinute },
      bearer(t.tokens.owner),
    ));
    expect(set.setApiKeyRateLimit.rateLimitPerMinute).toBe(perMinute);
  }
  return created.secret;
}

describe('rate limits weighted by cost', () => {
  it('every answer carries RateLimit-Policy and RateLimit for each quota it spent from', async () => {
    const url = await gatewayWith({});
    const r = await post(url, TWENTY, bearer(t.tokens.member));
    expect(r.status).toBe(200);
    expect(r.headers.get('ratelimit-policy')).toBe('"person";q=1000;w=60, "organization";q=5000;w=60');
    const state = parseRateLimit(r.headers.get('ratelimit'));
    expect(state['person']!['r']).toBe(980);
    expect(state['organization']!['r']).toBe(4980);
    expect(state['person']!['t']).toBeGreaterThan(0);
    expect(state['person']!['t']).toBeLessThanOrEqual(60);
    const anonymous = await post(url, '{ __typename }');
    expect(anonymous.headers.get('ratelimit-policy')).toBe('"address";q=1000;w=60');
    expect(parseRateLimit(anonymous.headers.get('ratelimit'))['address']!['r']).toBe(999);
  });

  it("a person's quota is reached by cost, not by count: five requests of cost 20 spend 100, fifty of cost 1 do not", async () => {
    const url = await gatewayWith({ perPerson: 100 });
    for (let i = 0; i < 5; i += 1) expect((await post(url, TWENTY, bearer(t.tokens.admin))).status).toBe(200);
    const refused = await post(url, TWENTY, bearer(t.tokens.admin));
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', policy: 'person', cost: 20 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(parseRateLimit(refused.headers.get('ratelimit'))['person']!['r']).toBe(0);

    const cheap = await gatewayWith({ perPerson: 100 });
    for (let i = 0; i < 50; i += 1) expect((await post(cheap, ONE, bearer(t.tokens.auditor))).status).toBe(200);
    expect(parseRateLimit((await post(cheap, ONE, bearer(t.tokens.auditor))).headers.get('ratelimit'))['person']!['r']).toBe(49);
  });

  it("an organisation's people share its quota", async () => {
    const url = await gatewayWith({ perOrganization: 50 });
    expect((await post(url, TWENTY, bearer(t.tokens.member))).status).toBe(200);
    expect((await post(url, TWENTY, bearer(t.tokens.admin))).status).toBe(200);
    const refused = await post(url, TWENTY, bearer(t.tokens.auditor));
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.['policy']).toBe('organization');
  });

  it("an API key spends from the limit its organisation set for it, and other keys keep the default", async () => {
    const url = await gatewayWith({});
    const limited = await partnerKey(30);
    const first = await post(url, '{ tokens { id } }', { 'x-api-key': limited });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"api-key";q=30;w=60, "organization";q=5000;w=60');
    const refused = await post(url, '{ tokens { id } }', { 'x-api-key': limited });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.['policy']).toBe('api-key');
    const other = await post(url, '{ tokens { id } }', { 'x-api-key': await partnerKey(null) });
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-policy')).toContain('"api-key";q=1000;w=60');
  });

  it('a key limit must be a whole number of points from 1, and only key managers set it', async () => {
    const denied = await p.gql('mutation { setApiKeyRateLimit(id: "00000000-0000-4000-8000-000000000000", perMinute: 10) { id } }', {}, bearer(t.tokens.member));
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const created = dataOrThrow(await p.gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, bearer(t.tokens.owner))).apiKeys[0]!;
    const zero = await p.gql('mutation($id: ID!) { setApiKeyRateLimit(id: $id, perMinute: 0) { id } }', { id: created.id }, bearer(t.tokens.owner));
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('failed authentications spend from the client address, so guessing keys is limited too', async () => {
    const url = await gatewayWith({ perAddress: 3 });
    for (let i = 0; i < 3; i += 1) {
      const r = await post(url, ONE, { 'x-api-key': `etk_live_${randomUUID()}` });
      expect(r.status).toBe(401);
      expect(r.headers.get('ratelimit-policy')).toBe('"address";q=3;w=60');
    }
    const limited = await post(url, ONE, { 'x-api-key': `etk_live_${randomUUID()}` });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });
});

describe('the client address behind a reverse proxy', () => {
  it('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
    const url = await gatewayWith({ perAddress: 2 });
    expect((await post(url, ANYONE, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await post(url, ANYONE, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);
    expect((await post(url, ANYONE, { 'x-forwarded-for': '203.0.113.3' })).status).toBe(429);
  });

  it('behind a trusted proxy each client has its own quota, and the subgraphs see that address too', async () => {
    const url = await gatewayWith({ perAddress: 2 }, ['127.0.0.1', '::1']);
    const a = { 'x-forwarded-for': '203.0.113.1' };
    expect((await post(url, ANYONE, a)).status).toBe(200);
    expect((await post(url, ANYONE, { 'x-forwarded-for': '198.51.100.7, 203.0.113.1' })).status).toBe(200);
    expect((await post(url, ANYONE, a)).status).toBe(429);
    expect((await post(url, ANYONE, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);

    const email = `proxied.${randomUUID().slice(0, 8)}@test.etika.dev`;
    dataOrThrow(await p.gql('mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }', { input: { email, password: PASSWORD } }));
    const proxied = await gatewayWith({}, ['127.0.0.1', '::1']);
    const signedIn = await post(proxied, 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }', { 'x-forwarded-for': '192.0.2.44' }, { input: { email, password: PASSWORD } });
    expect(signedIn.body.errors).toBeUndefined();
    const token = (signedIn.body.data as { signIn: { session: { accessToken: string } } }).signIn.session.accessToken;
    const sessions = dataOrThrow(await p.gql<{ mySessions: { clientAddress: string }[] }>('{ mySessions { clientAddress } }', {}, bearer(token)));
    expect(sessions.mySessions.map((s) => s.clientAddress)).toContain('192.0.2.44');
  });
});

describe.runIf(process.env['REDIS_URL'])('on Redis', () => {
  it('gateways sharing one Redis share the counters', async () => {
    const namespace = `test-${randomUUID()}-`;
    const one = await gatewayWith({ perPerson: 40 }, [], namespace);
    const two = await gatewayWith({ perPerson: 40 }, [], namespace);
    expect((await post(one, TWENTY, bearer(t.tokens.member))).status).toBe(200);
    expect((await post(two, TWENTY, bearer(t.tokens.member))).status).toBe(200);
    expect((await post(one, TWENTY, bearer(t.tokens.member))).status).toBe(429);
  });
});
