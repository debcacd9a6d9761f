import Stripe from 'stripe';
import type { IntentMetadata, PaymentProvider, ProviderEvent, ProviderIntent, ProviderRefund } from './provider.ts';
import { WebhookSignatureError } from './provider.ts';
import { eventFromStripe, intentFromStripe, refundFromStripe, type StripeEventShape } from './stripe-shapes.ts';

export interface StripeSettings {
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** Another API base than Stripe's own (a local server that answers like it, in tests). */
  readonly apiUrl: string | undefined;
}

/**
 * Stripe through its official package: PaymentIntents with our metadata (organisation and payment), idempotency
 * keys on every write, refunds, and incoming events verified with `stripe.webhooks.constructEvent` (its `t=…,v1=…`
 * HMAC-SHA256 scheme, 300 s tolerance). Card entry happens in Stripe's own element in the browser.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly methods = [];
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 10_000,
      ...(api ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol === 'https:' ? 'https' : 'http' } : {}),
    });
  }

  async createIntent(input: { amount: bigint; currency: string; metadata: IntentMetadata; idempotencyKey: string }): Promise<ProviderIntent> {
    const pi = await this.stripe.paymentIntents.create(
      { amount: Number(input.amount), currency: input.currency.toLowerCase(), metadata: { ...input.metadata } },
      { idempotencyKey: input.idempotencyKey },
    );
    return intentFromStripe(pi);
  }

  async confirm(intentId: string, method: string, idempotencyKey: string): Promise<ProviderIntent> {
    try {
      return intentFromStripe(await this.stripe.paymentIntents.confirm(intentId, { payment_method: method }, { idempotencyKey }));
    } catch (err) {
      // a decline is an answer, not a failure: Stripe reports it as a card error carrying the intent
      if (err instanceof Stripe.errors.StripeCardError && err.payment_intent) return intentFromStripe(err.payment_intent);
      throw err;
    }
  }

  async completeAction(intentId: string): Promise<ProviderIntent> {
    return intentFromStripe(await this.stripe.paymentIntents.retrieve(intentId));
  }

  async cancel(intentId: string): Promise<ProviderIntent> {
    return intentFromStripe(await this.stripe.paymentIntents.cancel(intentId));
  }

  async retrieve(intentId: string): Promise<ProviderIntent | null> {
    try {
      return intentFromStripe(await this.stripe.paymentIntents.retrieve(intentId));
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
      throw err;
    }
  }

  async refund(input: { intentId: string; amount: bigint; metadata: IntentMetadata & { refundId: string }; idempotencyKey: string }): Promise<ProviderRefund> {
    const refund = await this.stripe.refunds.create({ payment_intent: input.intentId, amount: Number(input.amount), metadata: { ...input.metadata } }, { idempotencyKey: input.idempotencyKey });
    return refundFromStripe(refund);
  }

  parseWebhook(rawBody: string, signature: string | undefined): ProviderEvent | null {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature ?? '', this.settings.webhookSecret, 300);
    } catch (err) {
      throw new WebhookSignatureError(err instanceof Error ? err.message : 'invalid signature');
    }
    return eventFromStripe(event as unknown as StripeEventShape);
  }
}
