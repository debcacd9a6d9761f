import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Prices, quotes, payments through a provider (the in-process sandbox, or Stripe), webhooks, refunds. */
export const payment = defineSubgraph({
  name: 'payment',
  port: 4004,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  keys: { signs: false, trusts: [] },
  calls: ['token'],
  events: {
    produces: [EVENT_TYPES.paymentSucceeded, EVENT_TYPES.paymentFailed, EVENT_TYPES.paymentCanceled, EVENT_TYPES.paymentRefunded],
    consumes: [EVENT_TYPES.tokenPurchaseSettled],
  },
  settings: z.object({
    /** `sandbox` (in-process, no account anywhere) or `stripe`. */
    PAYMENT_PROVIDER: z.enum(['sandbox', 'stripe']).default('sandbox'),
    /** The gateway as this subgraph reaches it (set by the platform when it starts them together). */
    GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000'),
    /** Where the sandbox delivers its webhooks: the gateway's endpoint (`GATEWAY_URL/webhooks/payments/sandbox` when unset). */
    PAYMENT_WEBHOOK_URL: z.string().url().optional(),
    SANDBOX_WEBHOOK_SECRET: z.string().min(16).default('whsec_etika_sandbox_development'),
    /** How long a sandbox payment made with the `processing` method takes to settle. */
    SANDBOX_SETTLE_MS: z.coerce.number().int().min(0).default(3_000),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Another Stripe API base (a local server in tests); Stripe's own when unset. */
    STRIPE_API_URL: z.string().url().optional(),
    /** How long a quote holds its price. */
    QUOTE_TTL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
    /** How often payments stuck in processing are reconciled with the provider, and after how long one counts as stuck. */
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
    RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(120_000),
    /** After how long a paid purchase whose tokens token has not confirmed is sent to token again. */
    REISSUE_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
  }),
  buildSchema: async () => (await import('./schema.ts')).buildPaymentSchema(),
  buildServer: async (deps, s) =>
    (await import('./server.ts')).buildPaymentServer(deps, {
      provider: s.PAYMENT_PROVIDER,
      webhookUrl: s.PAYMENT_WEBHOOK_URL ?? `${s.GATEWAY_URL.replace(/\/$/, '')}/webhooks/payments/sandbox`,
      sandboxSecret: s.SANDBOX_WEBHOOK_SECRET,
      sandboxSettleMs: s.SANDBOX_SETTLE_MS,
      stripeSecretKey: s.STRIPE_SECRET_KEY,
      stripeWebhookSecret: s.STRIPE_WEBHOOK_SECRET,
      stripeApiUrl: s.STRIPE_API_URL,
      quoteTtlSeconds: s.QUOTE_TTL_SECONDS,
      reconcileIntervalMs: s.RECONCILE_INTERVAL_MS,
      reconcileAfterMs: s.RECONCILE_AFTER_MS,
      reissueAfterMs: s.REISSUE_AFTER_MS,
    }),
});
