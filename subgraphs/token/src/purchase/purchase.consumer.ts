import { idempotentHandler, type Db, type EventHandler, type Logger } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import type { PurchaseService } from './purchase.service.ts';

/** `payment.canceled` → the room the purchase held under its token's cap is free again, at once rather than in an hour. */
export function releaseReservations(db: Db, purchases: PurchaseService, logger: Logger): EventHandler {
  return idempotentHandler(
    { db, schema: 'token', consumer: 'token-reservations', payload: EVENT_PAYLOADS[EVENT_TYPES.paymentCanceled], logger },
    (tx, event) => purchases.release(tx, event.payload.quoteId),
  );
}

/** `payment.succeeded` → the bought tokens in the buyer's wallet, once per event (inbox) and once per payment. */
export function issuePurchases(db: Db, purchases: PurchaseService, logger: Logger, onCommit: () => void): EventHandler {
  const handle = idempotentHandler(
    { db, schema: 'token', consumer: 'token-purchases', payload: EVENT_PAYLOADS[EVENT_TYPES.paymentSucceeded], logger },
    (tx, event) => purchases.issue(tx, event),
  );
  return async (event) => {
    await handle(event);
    onCommit();
  };
}
