import { randomUUID } from 'node:crypto';
import { appError, type Db, type Logger } from '@etika/kit';
import { PAYMENT_WEBHOOKS } from '@etika/schema';
import { signatureHeader, signatureProblem } from '../webhook/signature.ts';
import type { IntentMetadata, PaymentProvider, ProviderEvent, ProviderIntent, ProviderRefund, TestMethod } from './provider.ts';
import { WebhookSignatureError } from './provider.ts';
import { SandboxIntentStore, type HeldIntent } from './sandbox.store.ts';
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
  /** Where the intents are kept: payment's own database. */
  readonly db: Db;
}

type Change = { readonly change: Partial<StripeIntentShape>; readonly type?: string; readonly settlesAt?: Date | null };

/**
 * A provider in-process, with no account anywhere: it keeps its intents in payment's database (they outlive a
 * restart, and every replica sees them), answers with Stripe's shapes, and tells the platform of every change the
 * way Stripe does, with a signed webhook to the platform's own endpoint. A `processing` payment succeeds `settleMs`
 * later: by webhook from a timer, or, when the process that set the timer stopped, as soon as anyone asks.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  readonly methods = SANDBOX_METHODS;
  private readonly intents: SandboxIntentStore;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SandboxOptions) {
    this.intents = new SandboxIntentStore(options.db);
  }

  async createIntent(input: { amount: bigint; currency: string; metadata: IntentMetadata; idempotencyKey: string }): Promise<ProviderIntent> {
    const id = `pi_sandbox_${input.metadata.paymentId.replaceAll('-', '')}`;
    const held = await this.intents.create({ intent: { id, status: 'requires_payment_method', metadata: { ...input.metadata } }, metadata: input.metadata, amount: input.amount, settlesAt: null });
    return intentFromStripe(held.intent, 'confirm_in_app');
  }

  async confirm(intentId: string, method: string): Promise<ProviderIntent> {
    const chosen = SANDBOX_METHODS.find((m) => m.id === method);
    if (!chosen) throw appError('BAD_USER_INPUT', 'That is not one of the sandbox test methods', { field: 'paymentMethod' });
    const after = await this.move(intentId, (intent) => {
      if (intent.status !== 'requires_payment_method') return null;
      switch (chosen.outcome) {
        case 'succeeded':
          return { change: { status: 'succeeded', last_payment_error: null } };
        case 'declined':
          return { change: { status: 'requires_payment_method', last_payment_error: { decline_code: chosen.declineCode } }, type: 'payment_intent.payment_failed' };
        case 'requires_action':
          return { change: { status: 'requires_action', last_payment_error: null, next_action: { type: 'sandbox_confirm' } }, type: 'payment_intent.requires_action' };
        case 'processing':
          return { change: { status: 'processing', last_payment_error: null }, type: 'payment_intent.processing', settlesAt: new Date(Date.now() + this.options.settleMs) };
      }
    });
    if (after.intent.status === 'processing' && after.settlesAt) this.settleAt(intentId, after.settlesAt);
    return intentFromStripe(after.intent, 'confirm_in_app');
  }

  async completeAction(intentId: string, approve: boolean): Promise<ProviderIntent> {
    const after = await this.move(intentId, (intent) => {
      if (intent.status !== 'requires_action') return null;
      return approve
        ? { change: { status: 'succeeded', next_action: null } }
        : { change: { status: 'requires_payment_method', next_action: null, last_payment_error: { decline_code: 'authentication_failed' } }, type: 'payment_intent.payment_failed' };
    });
    return intentFromStripe(after.intent, 'confirm_in_app');
  }

  async cancel(intentId: string): Promise<ProviderIntent> {
    const after = await this.move(intentId, (intent) => (intent.status !== 'succeeded' && intent.status !== 'canceled' ? { change: { status: 'canceled' }, settlesAt: null } : null));
    return intentFromStripe(after.intent, 'confirm_in_app');
  }

  async retrieve(intentId: string): Promise<ProviderIntent | null> {
    const held = await this.intents.read(intentId);
    if (!held) return null;
    const settled = this.due(held) ? await this.settle(intentId) : held;
    return intentFromStripe(settled.intent, 'confirm_in_app');
  }

  async refund(input: { intentId: string; amount: bigint; metadata: IntentMetadata & { refundId: string } }): Promise<ProviderRefund> {
    const held = await this.heldOrThrow(input.intentId);
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

  /** Stops settling payments (the process is stopping); what it leaves processing settles when next asked about. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private due(held: HeldIntent): boolean {
    return held.intent.status === 'processing' && held.settlesAt !== null && held.settlesAt.getTime() <= Date.now();
  }

  private settleAt(intentId: string, at: Date): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.settle(intentId).catch((err: unknown) => this.options.logger.warn({ err, intentId }, 'sandbox payment not settled; it settles when next asked about'));
    }, Math.max(0, at.getTime() - Date.now()));
    this.timers.add(timer);
  }

  /** A processing intent whose time has come succeeds (once, whoever gets there first). */
  private async settle(intentId: string): Promise<HeldIntent> {
    return this.move(intentId, (intent, held) => (this.due({ ...held, intent }) ? { change: { status: 'succeeded' }, settlesAt: null } : null));
  }

  private async heldOrThrow(intentId: string): Promise<HeldIntent> {
    const held = await this.intents.read(intentId);
    if (!held) throw new Error(`the sandbox knows no intent ${intentId}`);
    return held;
  }

  /** Changes an intent as `decide` says, under its row lock, and tells the platform by webhook once committed. */
  private async move(intentId: string, decide: (intent: StripeIntentShape, held: HeldIntent) => Change | null): Promise<HeldIntent> {
    let type: string | undefined;
    const result = await this.intents.change(intentId, (held) => {
      const next = decide(held.intent, held);
      if (!next) return null;
      type = next.type;
      return { ...held, intent: { ...held.intent, ...next.change }, settlesAt: next.settlesAt === undefined ? held.settlesAt : next.settlesAt };
    });
    if (!result) throw new Error(`the sandbox knows no intent ${intentId}`);
    if (result.changed) {
      const event = { id: `evt_sandbox_${randomUUID().replaceAll('-', '')}`, type: type ?? `payment_intent.${result.held.intent.status}`, created: Math.floor(Date.now() / 1000), data: { object: result.held.intent } };
      void this.deliver(event);
    }
    return result.held;
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
