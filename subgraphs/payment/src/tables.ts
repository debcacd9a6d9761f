import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, numeric, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { idempotencyTable } from '@etika/kit';

export const paymentSchema = pgSchema('payment');

/** Money and token amounts: integers in minor units, stored exactly. */
const amount = (name: string) => numeric(name, { precision: 39, scale: 0 });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** What one token costs in an organisation: `unitAmount` minor units of `currency` for `perTokens` token minor units. */
export const prices = paymentSchema.table(
  'prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    currency: text('currency').notNull(),
    unitAmount: amount('unit_amount').notNull(),
    perTokens: amount('per_tokens').notNull(),
    minTokens: amount('min_tokens'),
    maxTokens: amount('max_tokens'),
    /** Raised on every change, so a quote knows whether the price it fixed is still the price. */
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('prices_token').on(t.orgId, t.tokenId)],
);

/** A price and total fixed for one buyer for a few minutes. */
export const quotes = paymentSchema.table(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    buyerId: uuid('buyer_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    priceId: uuid('price_id').notNull(),
    priceVersion: integer('price_version').notNull(),
    currency: text('currency').notNull(),
    unitAmount: amount('unit_amount').notNull(),
    perTokens: amount('per_tokens').notNull(),
    tokens: amount('tokens').notNull(),
    total: amount('total').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
);

/** A PaymentIntent as the platform knows it: provider ids and statuses, never card data. */
export const payments = paymentSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    buyerId: uuid('buyer_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    quoteId: uuid('quote_id').notNull().unique().references(() => quotes.id),
    tokens: amount('tokens').notNull(),
    currency: text('currency').notNull(),
    total: amount('total').notNull(),
    status: text('status').notNull(),
    provider: text('provider').notNull(),
    providerPaymentId: text('provider_payment_id'),
    /** For the provider's own element in the buyer's browser (Stripe); not card data. */
    clientSecret: text('client_secret'),
    nextAction: text('next_action'),
    lastDeclineCode: text('last_decline_code'),
    /** The provider's time of the last event applied, so a late failure of an earlier attempt changes nothing. */
    providerEventAt: at('provider_event_at'),
    /** Tokens and money promised back by refunds that are pending or done. */
    refundedTokens: amount('refunded_tokens').notNull().default('0'),
    refundedAmount: amount('refunded_amount').notNull().default('0'),
    /** Whether token issued the bought tokens (`issued`), refused them (`refused`), or has not said yet. */
    issuance: text('issuance').notNull().default('pending'),
    tokensIssuedAt: at('tokens_issued_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('payments_provider_id').on(t.provider, t.providerPaymentId),
    index('payments_org_seq').on(t.orgId, t.seq),
    index('payments_buyer_seq').on(t.orgId, t.buyerId, t.seq),
    index('payments_processing').on(t.status, t.updatedAt),
    check('payments_status', sql`${t.status} in ('requires_payment_method', 'requires_action', 'processing', 'succeeded', 'canceled')`),
    check('payments_issuance', sql`${t.issuance} in ('pending', 'issued', 'refused')`),
    check('payments_refund_bounds', sql`${t.refundedTokens} <= ${t.tokens} and ${t.refundedAmount} <= ${t.total}`),
  ],
);

/** Every confirmation of a payment and how it went: failures are kept here, the payment moves on. */
export const attempts = paymentSchema.table(
  'payment_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    method: text('method').notNull(),
    outcome: text('outcome').notNull(),
    declineCode: text('decline_code'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('payment_attempts_payment').on(t.paymentId, t.createdAt)],
);

export const refunds = paymentSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    status: text('status').notNull(),
    tokens: amount('tokens').notNull(),
    /** Fixed once the tokens are back (null until then). */
    amount: amount('amount'),
    providerRefundId: text('provider_refund_id'),
    failureCode: text('failure_code'),
    requestedBy: text('requested_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('refunds_payment').on(t.paymentId, t.createdAt),
    check('refunds_status', sql`${t.status} in ('pending', 'succeeded', 'failed', 'canceled')`),
  ],
);

/** Each provider event once: the row and the change it makes commit together. */
export const providerEvents = paymentSchema.table(
  'provider_events',
  {
    orgId: uuid('org_id').notNull(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'provider_events_pkey', columns: [t.orgId, t.provider, t.eventId] })],
);

export const idempotencyKeys = idempotencyTable(paymentSchema);
