import { eq } from 'drizzle-orm';
import { recordEvent, type Tx } from '@etika/kit';
import { EVENT_TYPES, type PaymentCanceled, type PaymentFailed, type PaymentSucceeded } from '@etika/schema';
import type { ProviderIntent } from '../provider/provider.ts';
import { attempts, payments } from '../tables.ts';
import type { PaymentRow } from './payment.mapper.ts';
import { advance, type PaymentState } from './payment.state.ts';

export interface AttemptRecord {
  readonly method: string;
}

export const succeededPayload = (row: PaymentRow): PaymentSucceeded => ({
  paymentId: row.id,
  orgId: row.orgId,
  buyerId: row.buyerId,
  tokenId: row.tokenId,
  quoteId: row.quoteId,
  tokens: row.tokens,
  currency: row.currency,
  amount: row.total,
  provider: row.provider,
});

/** The row of a payment, locked for the change the caller makes (so transitions of one payment never race). */
export async function lockedPayment(tx: Tx, paymentId: string): Promise<PaymentRow | null> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  return row ?? null;
}

const outcomeOf = (intent: ProviderIntent) => (intent.failed ? 'declined' : intent.status === 'succeeded' ? 'succeeded' : intent.status === 'requires_action' ? 'requires_action' : 'processing');

/**
 * What the provider says of a payment, applied in the caller's transaction to the locked row: the status moves only
 * as the state machine allows (never backwards, whatever the order of events), an attempt is kept when one was made
 * or failed, and each transition writes its event to the outbox with it: `payment.succeeded` once per payment.
 * Answers the row as it is now and whether anything changed.
 */
export async function applyIntent(tx: Tx, row: PaymentRow, intent: ProviderIntent, at: Date, attempt: AttemptRecord | null): Promise<{ row: PaymentRow; changed: boolean }> {
  const next: PaymentState | null = advance({ status: row.status as PaymentState, lastAt: row.providerEventAt }, { status: intent.status, failed: intent.failed, at });
  const failedNow = next === 'requires_payment_method' || (intent.failed && attempt !== null && row.status === 'requires_payment_method');
  if (attempt) await tx.insert(attempts).values({ orgId: row.orgId, paymentId: row.id, method: attempt.method, outcome: outcomeOf(intent), declineCode: intent.failed ? intent.declineCode : null });
  else if (next === 'requires_payment_method') await tx.insert(attempts).values({ orgId: row.orgId, paymentId: row.id, method: 'provider', outcome: 'declined', declineCode: intent.declineCode });
  if (!next && !failedNow) return { row, changed: false };
  const [updated] = await tx
    .update(payments)
    .set({
      status: next ?? row.status,
      nextAction: (next ?? row.status) === 'requires_action' ? intent.nextAction : null,
      lastDeclineCode: failedNow ? intent.declineCode : row.lastDeclineCode,
      providerEventAt: row.providerEventAt && row.providerEventAt > at ? row.providerEventAt : at,
      updatedAt: new Date(),
    })
    .where(eq(payments.id, row.id))
    .returning();
  const now = updated!;
  const base = { paymentId: now.id, orgId: now.orgId, buyerId: now.buyerId, tokenId: now.tokenId, quoteId: now.quoteId };
  if (next === 'succeeded') {
    await recordEvent<PaymentSucceeded>(tx, 'payment', EVENT_TYPES.paymentSucceeded, now.orgId, succeededPayload(now));
  } else if (next === 'canceled') {
    await recordEvent<PaymentCanceled>(tx, 'payment', EVENT_TYPES.paymentCanceled, now.orgId, base);
  } else if (failedNow) {
    await recordEvent<PaymentFailed>(tx, 'payment', EVENT_TYPES.paymentFailed, now.orgId, { ...base, declineCode: intent.declineCode ?? 'declined' });
  }
  return { row: now, changed: true };
}
