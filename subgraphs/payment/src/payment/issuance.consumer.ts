import { and, eq } from 'drizzle-orm';
import { idempotentHandler, type Db, type EventHandler, type Logger } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import { payments } from '../tables.ts';

/** `token.purchase.settled` → the payment knows its tokens are in the wallet (or were refused), once. */
export function recordIssuance(db: Db, logger: Logger): EventHandler {
  return idempotentHandler(
    { db, schema: 'payment', consumer: 'payment-issuance', payload: EVENT_PAYLOADS[EVENT_TYPES.tokenPurchaseSettled], logger },
    async (tx, event) => {
      const { paymentId, outcome } = event.payload;
      await tx
        .update(payments)
        .set({ issuance: outcome, tokensIssuedAt: outcome === 'issued' ? new Date(event.occurredAt) : null })
        .where(and(eq(payments.id, paymentId), eq(payments.issuance, 'pending')));
    },
  );
}
