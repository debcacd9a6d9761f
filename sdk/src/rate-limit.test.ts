import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseRetryAfter, waitBeforeNext } from './rate-limit.ts';
import { hasIdempotencyKey, isMutation } from './client.ts';

describe('rate-limit headers', () => {
  it('reads every quota of a RateLimit header, and waits for the exhausted one that resets last', () => {
    const quotas = parseRateLimit('"api-key";r=0;t=12, "organization";r=40;t=30');
    expect(quotas).toEqual([
      { policy: 'api-key', remaining: 0, resetSeconds: 12 },
      { policy: 'organization', remaining: 40, resetSeconds: 30 },
    ]);
    expect(waitBeforeNext(quotas)).toBe(12_000);
    expect(waitBeforeNext(parseRateLimit('"person";r=3;t=5'))).toBe(0);
    expect(parseRateLimit(null)).toEqual([]);
    expect(parseRateLimit('garbage')).toEqual([]);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('what is safe to retry', () => {
  it('is a query, or a mutation carrying an idempotency key', () => {
    expect(isMutation('\n  mutation IssueTokens($input: MovementInput!) { x }')).toBe(true);
    expect(isMutation('query Tokens { tokens { id } }')).toBe(false);
    expect(hasIdempotencyKey({ input: { tokenId: 't', idempotencyKey: 'k' } })).toBe(true);
    expect(hasIdempotencyKey({ input: { legs: [{ idempotencyKey: '' }] } })).toBe(false);
    expect(hasIdempotencyKey({ input: { tokenId: 't' } })).toBe(false);
  });
});
