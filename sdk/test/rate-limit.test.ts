import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type TestPlatform } from '@etika/platform/testing';
import { Etika, EtikaError, TokensDocument, type Wait } from '../src/index.ts';

/**
 * The SDK against the gateway's own rate limits: quotas of cost points per API key over a two-second window,
 * `RateLimit` headers on every answer, `429` with `Retry-After` once a quota is spent.
 */
const WINDOW_SECONDS = 2;
let p: TestPlatform;
let apiKey: string;

beforeAll(async () => {
  p = await startTestPlatform({
    edge: {
      rateLimits: { perApiKey: 60, perPerson: 1_000_000, perOrganization: 1_000_000, perAddress: 1_000_000, windowSeconds: WINDOW_SECONDS },
      redisUrl: process.env['REDIS_URL'],
      storeNamespace: `sdk-${randomUUID()}-`,
    },
  });
  const tenant = await seedTenant(p, 'limits');
  const created = dataOrThrow(
    await p.gql<{ createApiKey: { secret: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'busy partner', scopes: ['token:read'] } },
      bearer(tenant.tokens.admin),
    ),
  );
  apiKey = created.createApiKey.secret;
}, 120_000);

afterAll(async () => {
  await p?.close();
});

describe('@etika/sdk and the gateway rate limits', { timeout: 60_000 }, () => {
  it('reads the RateLimit header, waits when the quota is spent, and every call succeeds', async () => {
    const waits: Wait[] = [];
    const etika = new Etika({ url: p.gatewayUrl, apiKey, onWait: (w) => waits.push(w) });
    for (let i = 0; i < 30 && !waits.some((w) => w.reason === 'rate-limit'); i++) await etika.tokens();
    expect(etika.client.quotas.map((q) => q.policy)).toContain('api-key');
    const pause = waits.find((w) => w.reason === 'rate-limit');
    expect(pause).toBeDefined();
    expect(pause!.ms).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);
    // after the wait the quota is whole again
    await expect(etika.tokens()).resolves.toBeInstanceOf(Array);
  });

  it('answered 429 with Retry-After, waits that long and sends again; past maxWaitMs it stops with TOO_MANY_REQUESTS', async () => {
    // spend the key's quota with a client that ignores the headers (no retries, no waits)
    const spender = new Etika({ url: p.gatewayUrl, apiKey, maxAttempts: 1, maxWaitMs: 0 });
    let refused: unknown = null;
    for (let i = 0; i < 30 && !refused; i++) refused = await spender.client.request(TokensDocument, {}).then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(EtikaError);
    expect((refused as EtikaError).status).toBe(429);
    expect((refused as EtikaError).code).toBe('TOO_MANY_REQUESTS');

    // a fresh client knows nothing of the quota: refused first, it waits as told and succeeds
    const waits: Wait[] = [];
    const patient = new Etika({ url: p.gatewayUrl, apiKey, onWait: (w) => waits.push(w) });
    await expect(patient.tokens()).resolves.toBeInstanceOf(Array);
    expect(waits[0]).toMatchObject({ reason: 'rate-limit', attempt: 2 });
    expect(waits[0]!.ms).toBeGreaterThan(0);
    expect(waits[0]!.ms).toBeLessThanOrEqual(WINDOW_SECONDS * 1000);
  });
});
