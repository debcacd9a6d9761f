import { idempotentHandler, type Db, type EventHandler, type Logger } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import type { LogService } from './log.service.ts';

/** Appends each committed token transaction once (the inbox remembers it); a payload off its contract appends nothing. */
export function appendCommittedTransactions(db: Db, log: LogService, logger: Logger): EventHandler {
  return idempotentHandler(
    { db, schema: 'chain', consumer: 'chain-append', payload: EVENT_PAYLOADS[EVENT_TYPES.tokenTransactionCommitted], logger },
    (tx, event) => log.append(tx, event),
  );
}
