/** The PaymentIntent states, modelled on Stripe's. */
export const PAYMENT_STATUSES = ['requires_payment_method', 'requires_action', 'processing', 'succeeded', 'canceled'] as const;
export type PaymentState = (typeof PAYMENT_STATUSES)[number];

const RANK: Readonly<Record<PaymentState, number>> = { requires_payment_method: 0, requires_action: 1, processing: 2, succeeded: 3, canceled: 3 };

export const isTerminal = (s: PaymentState) => s === 'succeeded' || s === 'canceled';

/** What the provider says happened, with its time (events may arrive late, twice, or out of order). */
export interface Observation {
  readonly status: PaymentState;
  /** A failed attempt (declined, action refused): the payment goes back to waiting for a method. */
  readonly failed: boolean;
  readonly at: Date;
}

/**
 * The state after an observation, or null when it changes nothing. A payment only moves forward
 * (requires_payment_method → requires_action → processing → succeeded | canceled); succeeded and canceled are final.
 * The one way back is a failed attempt, which returns it to requires_payment_method, and only when the failure is no
 * older than the last thing the provider told us, so a late failure of an earlier attempt never undoes a later one.
 */
export function advance(current: { readonly status: PaymentState; readonly lastAt: Date | null }, seen: Observation): PaymentState | null {
  if (isTerminal(current.status) || seen.status === current.status) return null;
  if (seen.failed && seen.status === 'requires_payment_method') {
    if (current.lastAt && seen.at.getTime() < current.lastAt.getTime()) return null;
    return current.status === 'requires_payment_method' ? null : 'requires_payment_method';
  }
  return RANK[seen.status] > RANK[current.status] ? seen.status : null;
}

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type RefundState = (typeof REFUND_STATUSES)[number];

/** A refund leaves pending once, to one of its final states, and never moves again. */
export function advanceRefund(current: RefundState, seen: RefundState): RefundState | null {
  return current === 'pending' && seen !== 'pending' ? seen : null;
}
