import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, MAX_DELAY_SECONDS, delayAfterFailures, secondsToWait } from './sign-in.rules.ts';

describe('sign-in slow-down', () => {
  it('lets the first failures through at once, then doubles the wait', () => {
    for (let n = 0; n < FREE_FAILURES; n++) expect(delayAfterFailures(n)).toBe(0);
    expect([5, 6, 7, 8].map(delayAfterFailures)).toEqual([1, 2, 4, 8]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(delayAfterFailures(40)).toBe(MAX_DELAY_SECONDS);
    expect(delayAfterFailures(10_000)).toBe(MAX_DELAY_SECONDS);
  });

  it('counts the wait from the last failure', () => {
    const last = 1_000_000;
    expect(secondsToWait(7, last, last)).toBe(4);
    expect(secondsToWait(7, last, last + 3_500)).toBe(1);
    expect(secondsToWait(7, last, last + 4_000)).toBe(0);
    expect(secondsToWait(2, last, last)).toBe(0);
    expect(secondsToWait(9, null, last)).toBe(0);
  });
});
