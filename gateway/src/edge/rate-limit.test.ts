import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '@etika/schema';
import { RateLimits, quotasFor, rateLimitHeaders, retryAfterSeconds, type RateLimitSettings } from './rate-limit.ts';

const settings: RateLimitSettings = { perApiKey: 100, perPerson: 50, perOrganization: 500, perAddress: 10, windowSeconds: 60 };
const person: Principal = { kind: 'user', userId: 'u1', sessionId: 's1', orgId: 'o1', role: 'member', scopes: [], epoch: 0, issuedAt: 0 };
const key: Principal = { kind: 'apiKey', keyId: 'k1', orgId: 'o1', role: 'partner', scopes: [] };

describe('quotasFor', () => {
  it('a person spends from their own quota and their active organisation', () => {
    expect(quotasFor(person, '203.0.113.1', settings, null).map((q) => [q.policy, q.key, q.limit])).toEqual([['person', 'user:u1', 50], ['organization', 'org:o1', 500]]);
  });

  it("a key spends from the limit its organisation set, else the default", () => {
    expect(quotasFor(key, 'x', settings, 7)[0]).toEqual({ policy: 'api-key', key: 'key:k1', limit: 7 });
    expect(quotasFor(key, 'x', settings, null)[0]!.limit).toBe(100);
  });

  it('anonymous requests spend from their address', () => {
    expect(quotasFor(ANONYMOUS, '203.0.113.1', settings, null)).toEqual([{ policy: 'address', key: 'ip:203.0.113.1', limit: 10 }]);
  });
});

describe('RateLimits in memory', () => {
  it('spends the cost, refuses past the limit, and says when to retry', async () => {
    const limits = RateLimits.open(settings, undefined, `unit-${Math.random()}`);
    const quotas = quotasFor(ANONYMOUS, '203.0.113.9', settings, null);
    const first = await limits.spend(quotas, 6);
    expect(first[0]).toMatchObject({ remaining: 4, exceeded: false });
    expect(retryAfterSeconds(first)).toBeNull();
    const second = await limits.spend(quotas, 6);
    expect(second[0]).toMatchObject({ remaining: 0, exceeded: true });
    expect(retryAfterSeconds(second)).toBeGreaterThan(0);
    const headers = rateLimitHeaders(second, 60);
    expect(headers['ratelimit-policy']).toBe('"address";q=10;w=60');
    expect(headers['ratelimit']).toMatch(/^"address";r=0;t=\d+$/);
    await limits.close();
  });
});
