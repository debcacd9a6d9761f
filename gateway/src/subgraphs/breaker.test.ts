import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './breaker.ts';

function breakerAt(start = 0) {
  const clock = { t: start };
  return { clock, breaker: new CircuitBreaker({ failures: 3, cooldownMs: 1_000 }, () => clock.t) };
}

describe('CircuitBreaker', () => {
  it('opens after the configured consecutive failures, not before', () => {
    const { breaker } = breakerAt();
    breaker.failed();
    breaker.failed();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryAfterMs()).toBe(1_000);
  });

  it('a success in between starts the count again', () => {
    const { breaker } = breakerAt();
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.state()).toBe('closed');
  });

  it('after the cooldown lets one probe through at a time; its success closes the circuit', () => {
    const { clock, breaker } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failed();
    clock.t = 1_000;
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.succeeded();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a failed probe opens it for another cooldown', () => {
    const { clock, breaker } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failed();
    clock.t = 1_500;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
    expect(breaker.state()).toBe('open');
    clock.t = 2_400;
    expect(breaker.tryAcquire()).toBe(false);
    clock.t = 2_500;
    expect(breaker.tryAcquire()).toBe(true);
  });
});
