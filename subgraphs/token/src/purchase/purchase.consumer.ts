import { idempotentHandler, type Db, type EventHandler, type Logger } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import type { PurchaseService } from './purchase.service.ts';

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
