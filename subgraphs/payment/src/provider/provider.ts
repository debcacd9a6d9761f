import type { PaymentState, RefundState } from '../payment/payment.state.ts';

export type ProviderName = 'sandbox' | 'stripe';

/** A PaymentIntent as the provider reports it. */
export interface ProviderIntent {
  readonly id: string;
  readonly status: PaymentState;
  /** The last attempt failed (declined, extra step refused). */
  readonly failed: boolean;
  readonly declineCode: string | null;
  readonly nextAction: 'confirm_in_app' | 'provider_element' | null;
  readonly clientSecret: string | null;
}

export interface ProviderRefund {
  readonly id: string;
  readonly status: RefundState;
  readonly failureCode: string | null;
}

/** What a verified webhook says: which payment (and refund) of which organisation, and its state then. */
export interface ProviderEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly orgId: string;
  readonly paymentId: string;
  readonly intent: ProviderIntent | null;
  readonly refund: (ProviderRefund & { readonly refundId: string }) | null;
}

export interface TestMethod {
  readonly id: string;
  readonly outcome: 'succeeded' | 'declined' | 'requires_action' | 'processing';
  readonly declineCode: string | null;
}

/** Ours, set on every intent and refund at the provider, so its events lead back to the organisation and payment. */
export interface IntentMetadata {
  readonly orgId: string;
  readonly paymentId: string;
}

/**
 * A payment provider. The platform never sees card data: methods are ids the provider's own element (or the
 * sandbox's test list) hands over. Every call is idempotent on the provider's side by the key given.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  /** The methods the app may offer itself (the sandbox's test methods); empty for a real provider. */
  readonly methods: readonly TestMethod[];
  createIntent(input: { readonly amount: bigint; readonly currency: string; readonly metadata: IntentMetadata; readonly idempotencyKey: string }): Promise<ProviderIntent>;
  confirm(intentId: string, method: string, idempotencyKey: string): Promise<ProviderIntent>;
  /** After the extra step: the sandbox applies the buyer's answer; a real provider is asked where it stands. */
  completeAction(intentId: string, approve: boolean): Promise<ProviderIntent>;
  cancel(intentId: string): Promise<ProviderIntent>;
  /** Where an intent stands now (reconciliation); null when the provider does not know it. */
  retrieve(intentId: string): Promise<ProviderIntent | null>;
  refund(input: { readonly intentId: string; readonly amount: bigint; readonly metadata: IntentMetadata & { readonly refundId: string }; readonly idempotencyKey: string }): Promise<ProviderRefund>;
  /** The event in a delivery, its signature checked over the raw body; throws `WebhookSignatureError` when it does not hold. */
  parseWebhook(rawBody: string, signature: string | undefined): ProviderEvent | null;
  /** Stops what it runs in the background. */
  close?(): void;
}

export class WebhookSignatureError extends Error {}
