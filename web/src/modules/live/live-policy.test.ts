import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffMs, endingCode, nextStep, refreshDelayMs } from './live-policy.ts';

describe('what the live client does when a stream ends', () => {
  it('refreshes the session for the errors a query would answer with 401, as queries do', () => {
    for (const code of ['UNAUTHENTICATED', 'RIGHTS_CHANGED', 'SESSION_REVOKED']) expect(nextStep({ code })).toBe('refresh');
    expect(nextStep({ status: 401 })).toBe('refresh');
  });

  it('stops for a field the person may not subscribe to, and for a request the gateway refuses as wrong', () => {
    expect(nextStep({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' })).toBe('stop');
    expect(nextStep({ status: 403 })).toBe('stop');
    expect(nextStep({ status: 400 })).toBe('stop');
  });

  it('retries later when the gateway is busy, restarting or out of reach', () => {
    expect(nextStep({ code: 'SERVICE_UNAVAILABLE' })).toBe('retry');
    expect(nextStep({ status: 429 })).toBe('retry');
    expect(nextStep({ status: 503 })).toBe('retry');
    expect(nextStep({ lost: true })).toBe('retry');
  });

  it('reads the ending code from a last result only', () => {
    expect(endingCode({ errors: [{ extensions: { code: 'RIGHTS_CHANGED' } }] })).toBe('RIGHTS_CHANGED');
    expect(endingCode({ data: { walletChanged: {} }, errors: [{ extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }] })).toBeNull();
    expect(endingCode({ data: { walletChanged: {} } })).toBeNull();
    expect(endingCode({ errors: [{}] })).toBeNull();
  });
});

describe('backoff', () => {
  it('doubles from one second, with jitter of up to half, and never waits more than 30 s', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(0, () => 1)).toBe(1000);
    expect(backoffMs(1, () => 1)).toBe(2000);
    expect(backoffMs(3, () => 0.5)).toBe(6000);
    expect(backoffMs(20, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(20, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });

  it('refreshes a token 30 s before it expires, at once when that is past', () => {
    expect(refreshDelayMs(1000, 900_000)).toBe(70_000);
    expect(refreshDelayMs(1000, 990_000)).toBe(0);
  });
});
