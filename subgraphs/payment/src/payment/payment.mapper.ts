import { principalActor, type Principal } from '@etika/schema';
import { exponentOf } from '../money/money.ts';
import type { attempts, payments, refunds } from '../tables.ts';
import type { Refund, RefundStatus } from '../refund/refund.type.ts';
import type { Payment, PaymentAttempt, PaymentAttemptOutcome, PaymentNextAction, PaymentProviderName, PaymentStatus, PurchaseIssuance } from './payment.type.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type AttemptRow = typeof attempts.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** Attempts and refunds are resolved by their own loaders. */
export type PaymentModel = Omit<Payment, 'attempts' | 'refunds'>;

export const toPayment = (row: PaymentRow, principal: Principal): PaymentModel => ({
  id: row.id,
  status: row.status as PaymentStatus,
  provider: row.provider as PaymentProviderName,
  token: { id: row.tokenId },
  buyer: { id: row.buyerId },
  tokens: row.tokens,
  currency: row.currency,
  currencyExponent: exponentOf(row.currency),
  total: row.total,
  refundedTokens: row.refundedTokens,
  refundedAmount: row.refundedAmount,
  issuance: row.issuance as PurchaseIssuance,
  tokensIssuedAt: row.tokensIssuedAt,
  nextAction: row.status === 'requires_action' ? (row.nextAction as PaymentNextAction | null) : null,
  lastDeclineCode: row.lastDeclineCode,
  clientSecret: principalActor(principal) === `user:${row.buyerId}` ? row.clientSecret : null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toAttempt = (row: AttemptRow): PaymentAttempt => ({
  id: row.id,
  method: row.method,
  outcome: row.outcome as PaymentAttemptOutcome,
  declineCode: row.declineCode,
  createdAt: row.createdAt,
});

export const toRefund = (row: RefundRow): Refund => ({
  id: row.id,
  paymentId: row.paymentId,
  status: row.status as RefundStatus,
  tokens: row.tokens,
  amount: row.amount ?? '0',
  failureCode: row.failureCode,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
