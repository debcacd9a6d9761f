import { randomUUID } from 'node:crypto';
import { appError, type Logger } from '@etika/kit';
import { PAYMENT_WEBHOOKS } from '@etika/schema';
import { signatureHeader, signatureProblem } from '../webhook/signature.ts';
import type { IntentMetadata, PaymentProvider, ProviderEvent, ProviderIntent, ProviderRefund, TestMethod } from './provider.ts';
import { WebhookSignatureError } from './provider.ts';
import { eventFromStripe, intentFromStripe, type StripeEventShape, type StripeIntentShape } from './stripe-shapes.ts';

/** The sandbox's deterministic test methods: what confirming with each one does. */
export const SANDBOX_METHODS: readonly TestMethod[] = [
  { id: 'pm_sandbox_succeeds', outcome: 'succeeded', declineCode: null },
  { id: 'pm_sandbox_declined_card', outcome: 'declined', declineCode: 'generic_decline' },
  { id: 'pm_sandbox_declined_funds', outcome: 'declined', declineCode: 'insufficient_funds' },
  { id: 'pm_sandbox_declined_expired', outcome: 'declined', declineCode: 'expired_card' },
  { id: 'pm_sandbox_requires_action', outcome: 'requires_action', declineCode: null },
  { id: 'pm_sandbox_processing', outcome: 'processing', declineCode: null },
];

export interface SandboxOptions {
  /** The platform's own webhook endpoint (the gateway's `/webhooks/payments/sandbox`). */
  readonly webhookUrl: string;
  readonly secret: string;
  /** How long a `processing` payment takes to settle. */
  readonly settleMs: number;
  readonly logger: Logger;
}

interface Held {
  intent: StripeIntentShape;
  readonly metadata: IntentMetadata;
  readonly amount: bigint;
}

/**
 * A provider in-process, with no account anywhere: it keeps its intents in memory, answers with Stripe's shapes,
 * and tells the platform of every change the way Stripe does, with a signed webhook to the platform's own endpoint.
 * A `processing` payment settles (succeeds) `settleMs` later, by webhook only. It forgets everything on restart.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  readonly methods = SANDBOX_METHODS;
  private readonly intents = new Map<string, Held>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SandboxOptions) {}

  async createIntent(input: { amount: bigint; currency: string; metadata: IntentMetadata; idempotencyKey: string }): Promise<ProviderIntent> {
    const id = `pi_sandbox_${input.metadata.paymentId.replaceAll('-', '')}`;
    const existing = this.intents.get(id);
    if (!existing) this.intents.set(id, { intent: { id, status: 'requires_payment_method', metadata: { ...input.metadata } }, metadata: input.metadata, amount: input.amount });
    return this.view(id);
  }

  async confirm(intentId: string, method: string): Promise<ProviderIntent> {
    const held = this.heldOrThrow(intentId);
    const chosen = SANDBOX_METHODS.find((m) => m.id === method);
    if (!chosen) throw appError('BAD_USER_INPUT', 'That is not one of the sandbox test methods', { field: 'paymentMethod' });
    if (held.intent.status !== 'requires_payment_method') return this.view(intentId);
    switch (chosen.outcome) {
      case 'succeeded':
        this.move(held, { status: 'succeeded', last_payment_error: null });
        break;
      case 'declined':
        this.move(held, { status: 'requires_payment_method', last_payment_error: { decline_code: chosen.declineCode } }, 'payment_intent.payment_failed');
        break;
      case 'requires_action':
        this.move(held, { status: 'requires_action', last_payment_error: null, next_action: { type: 'sandbox_confirm' } }, 'payment_intent.requires_action');
        break;
      case 'processing': {
        this.move(held, { status: 'processing', last_payment_error: null }, 'payment_intent.processing');
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (held.intent.status === 'processing') this.move(held, { status: 'succeeded' });
        }, this.options.settleMs);
        this.timers.add(timer);
        break;
      }
    }
    return this.view(intentId);
  }

  async completeAction(intentId: string, approve: boolean): Promise<ProviderIntent> {
    const held = this.heldOrThrow(intentId);
    if (held.intent.status === 'requires_action') {
      if (approve) this.move(held, { status: 'succeeded', next_action: null });
      else this.move(held, { status: 'requires_payment_method', next_action: null, last_payment_error: { decline_code: 'authentication_failed' } }, 'payment_intent.payment_failed');
    }
    return this.view(intentId);
  }

  async cancel(intentId: string): Promise<ProviderIntent> {
    const held = this.heldOrThrow(intentId);
    if (held.intent.status !== 'succeeded' && held.intent.status !== 'canceled') this.move(held, { status: 'canceled' });
    return this.view(intentId);
  }

  async retrieve(intentId: string): Promise<ProviderIntent | null> {
    return this.intents.has(intentId) ? this.view(intentId) : null;
  }

  async refund(input: { intentId: string; amount: bigint; metadata: IntentMetadata & { refundId: string } }): Promise<ProviderRefund> {
    const held = this.heldOrThrow(input.intentId);
    if (held.intent.status !== 'succeeded' || input.amount > held.amount) return { id: `re_sandbox_${input.metadata.refundId}`, status: 'failed', failureCode: 'charge_not_refundable' };
    return { id: `re_sandbox_${input.metadata.refundId.replaceAll('-', '')}`, status: 'succeeded', failureCode: null };
  }

  parseWebhook(rawBody: string, signature: string | undefined): ProviderEvent | null {
    const problem = signatureProblem(signature, rawBody, this.options.secret);
    if (problem) throw new WebhookSignatureError(problem);
    let event: StripeEventShape;
    try {
      event = JSON.parse(rawBody) as StripeEventShape;
    } catch {
      throw new WebhookSignatureError('malformed');
    }
    return eventFromStripe(event, 'confirm_in_app');
  }

  /** Stops settling payments (the process is stopping). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private heldOrThrow(intentId: string): Held {
    const held = this.intents.get(intentId);
    if (!held) throw new Error(`the sandbox knows no intent ${intentId}`);
    return held;
  }

  private view(intentId: string): ProviderIntent {
    return intentFromStripe(this.heldOrThrow(intentId).intent, 'confirm_in_app');
  }

  private move(held: Held, change: Partial<StripeIntentShape>, type = `payment_intent.${change.status}`): void {
    held.intent = { ...held.intent, ...change };
    void this.deliver({ id: `evt_sandbox_${randomUUID().replaceAll('-', '')}`, type, created: Math.floor(Date.now() / 1000), data: { object: held.intent } });
  }

  /** One delivery, as a provider makes it; a lost one is what reconciliation is for. */
  private async deliver(event: StripeEventShape): Promise<void> {
    const body = JSON.stringify(event);
    try {
      const response = await fetch(this.options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PAYMENT_WEBHOOKS.signatureHeaders.sandbox]: signatureHeader(body, this.options.secret) },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) this.options.logger.warn({ status: response.status, eventId: event.id }, 'sandbox webhook refused');
    } catch (err) {
      this.options.logger.warn({ err, eventId: event.id }, 'sandbox webhook not delivered');
    }
  }
}
