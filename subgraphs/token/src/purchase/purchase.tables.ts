import { numeric, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { token } from '../tables.ts';

/**
 * The purchase side of the ledger (migration 0003, written by hand: these tables are not in `tables.ts`, so the
 * ledger's own schema stays as it is). Every one has `org_id`, so the kit forces row-level security on it.
 */
const amount = (name: string) => numeric(name, { precision: 39, scale: 0 });

export const purchases = token.table('purchases', {
  paymentId: uuid('payment_id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  tokenId: uuid('token_id').notNull(),
  buyerId: uuid('buyer_id').notNull(),
  amount: amount('amount').notNull(),
  refunded: amount('refunded').notNull().default('0'),
  transactionId: uuid('transaction_id'),
  status: text('status').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const purchaseRefunds = token.table('purchase_refunds', {
  refundId: uuid('refund_id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  paymentId: uuid('payment_id').notNull(),
  amount: amount('amount').notNull(),
  transactionId: uuid('transaction_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const purchaseReservations = token.table('purchase_reservations', {
  quoteId: uuid('quote_id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  tokenId: uuid('token_id').notNull(),
  amount: amount('amount').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
