import { describe, expect, it } from 'vitest';
import { advance, advanceRefund, PAYMENT_STATUSES, REFUND_STATUSES, type Observation, type PaymentState } from './payment.state.ts';

const t = (s: number) => new Date(1_800_000_000_000 + s * 1000);
const seen = (status: PaymentState, at = 10, failed = false): Observation => ({ status, failed, at: t(at) });

/** Applies observations in order, as the platform does, and answers the final state. */
function run(observations: readonly Observation[], start: PaymentState = 'requires_payment_method'): PaymentState {
  let state = { status: start, lastAt: null as Date | null };
  for (const o of observations) {
    const next = advance(state, o);
    if (next) state = { status: next, lastAt: state.lastAt && state.lastAt > o.at ? state.lastAt : o.at };
  }
  return state.status;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('the payment state machine', () => {
  it('moves forward through Stripe’s states', () => {
    expect(run([seen('requires_action', 1), seen('processing', 2), seen('succeeded', 3)])).toBe('succeeded');
  });

  it('never leaves succeeded or canceled, whatever comes after', () => {
    for (const end of ['succeeded', 'canceled'] as const) {
      for (const status of PAYMENT_STATUSES) {
        expect(advance({ status: end, lastAt: t(1) }, seen(status, 99))).toBeNull();
        expect(advance({ status: end, lastAt: t(1) }, seen(status, 99, true))).toBeNull();
      }
    }
  });

  it('ends in succeeded for every order in which the events of a successful payment arrive', () => {
    const events = [seen('requires_action', 1), seen('processing', 2), seen('succeeded', 3)];
    for (const order of permutations(events)) expect(run(order)).toBe('succeeded');
  });

  it('ignores a state that is behind the current one', () => {
    expect(advance({ status: 'processing', lastAt: t(5) }, seen('requires_action', 6))).toBeNull();
    expect(advance({ status: 'processing', lastAt: t(5) }, seen('requires_payment_method', 6))).toBeNull();
  });

  it('goes back to waiting for a method on a failed attempt, but not for a failure older than what it knows', () => {
    expect(advance({ status: 'requires_action', lastAt: t(5) }, seen('requires_payment_method', 6, true))).toBe('requires_payment_method');
    expect(advance({ status: 'processing', lastAt: t(5) }, seen('requires_payment_method', 4, true))).toBeNull();
    // a declined first attempt reported late, after the second attempt succeeded, changes nothing
    expect(run([seen('succeeded', 8), seen('requires_payment_method', 3, true)], 'processing')).toBe('succeeded');
  });

  it('answers null when nothing changes', () => {
    expect(advance({ status: 'processing', lastAt: null }, seen('processing'))).toBeNull();
    expect(advance({ status: 'requires_payment_method', lastAt: null }, seen('requires_payment_method', 1, true))).toBeNull();
  });
});

describe('the refund state machine', () => {
  it('leaves pending once, for good', () => {
    for (const end of ['succeeded', 'failed', 'canceled'] as const) {
      expect(advanceRefund('pending', end)).toBe(end);
      for (const other of REFUND_STATUSES) expect(advanceRefund(end, other)).toBeNull();
    }
    expect(advanceRefund('pending', 'pending')).toBeNull();
  });
});
