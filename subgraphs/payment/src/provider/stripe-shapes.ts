import type { PaymentState, RefundState } from '../payment/payment.state.ts';
import type { ProviderEvent, ProviderIntent, ProviderRefund } from './provider.ts';

/** The parts of Stripe's PaymentIntent object the platform reads (the sandbox answers with the same shape). */
export interface StripeIntentShape {
  readonly id: string;
  readonly status: string;
  readonly client_secret?: string | null;
  readonly last_payment_error?: { readonly decline_code?: string | null; readonly code?: string | null } | null;
  readonly next_action?: { readonly type?: string } | null;
  readonly metadata?: Record<string, string> | null;
}

export interface StripeRefundShape {
  readonly id: string;
  readonly status: string | null;
  readonly failure_reason?: string | null;
  readonly metadata?: Record<string, string> | null;
}

export interface StripeEventShape {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly data: { readonly object: unknown };
}

const INTENT_STATES: Readonly<Record<string, PaymentState>> = {
  requires_payment_method: 'requires_payment_method',
  requires_confirmation: 'requires_payment_method',
  requires_action: 'requires_action',
  processing: 'processing',
  requires_capture: 'processing',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

export function intentFromStripe(pi: StripeIntentShape, nextAction: ProviderIntent['nextAction'] = 'provider_element'): ProviderIntent {
  const status = INTENT_STATES[pi.status] ?? 'processing';
  const error = pi.last_payment_error ?? null;
  return {
    id: pi.id,
    status,
    failed: status === 'requires_payment_method' && error !== null,
    declineCode: error ? (error.decline_code ?? error.code ?? 'declined') : null,
    nextAction: status === 'requires_action' ? nextAction : null,
    clientSecret: pi.client_secret ?? null,
  };
}

const REFUND_STATES: Readonly<Record<string, RefundState>> = { pending: 'pending', requires_action: 'pending', succeeded: 'succeeded', failed: 'failed', canceled: 'canceled' };

export function refundFromStripe(r: StripeRefundShape): ProviderRefund {
  return { id: r.id, status: REFUND_STATES[r.status ?? 'pending'] ?? 'pending', failureCode: r.failure_reason ?? null };
}

/**
 * A Stripe-shaped event as the platform understands it: payment_intent.* and refund.* events of intents and refunds
 * that carry our metadata (organisation and payment, and refund for refunds). Anything else is not ours: null.
 */
export function eventFromStripe(event: StripeEventShape, nextAction: ProviderIntent['nextAction'] = 'provider_element'): ProviderEvent | null {
  const object = event.data.object as (StripeIntentShape & StripeRefundShape) | null;
  const orgId = object?.metadata?.['orgId'];
  const paymentId = object?.metadata?.['paymentId'];
  if (!object || !orgId || !paymentId) return null;
  const base = { id: event.id, type: event.type, occurredAt: new Date(event.created * 1000), orgId, paymentId };
  if (event.type.startsWith('payment_intent.')) return { ...base, intent: intentFromStripe(object, nextAction), refund: null };
  const refundId = object.metadata?.['refundId'];
  if (event.type.startsWith('refund.') && refundId) return { ...base, intent: null, refund: { ...refundFromStripe(object), refundId } };
  return null;
}
