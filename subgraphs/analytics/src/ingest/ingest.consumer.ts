import { idempotentHandler, inOneTransaction, type Db, type EventHandler, type IdempotentHandler, type Logger, type Tx } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES, type EventEnvelope, type EventType } from '@etika/schema';
import type { z } from 'zod';
import type { PostgresAnalyticsStore } from '../store/postgres.store.ts';
import { transactionFacts } from './facts.ts';

/** The inbox names: the numbers can be rebuilt (forgetting `NUMBERS`), the audit trail never is. */
export const NUMBERS_CONSUMER = 'analytics-numbers';
export const AUDIT_CONSUMER = 'analytics-audit';

type Apply<T extends EventType> = (tx: Tx, event: EventEnvelope<z.infer<(typeof EVENT_PAYLOADS)[T]>>) => Promise<void>;

/**
 * What each event the analytics subgraph consumes does to its numbers and its trail. Every effect is an
 * addition (or an append), so the order events arrive in changes nothing; the inbox makes a repeat a no-op.
 */
export function analyticsEffects(store: PostgresAnalyticsStore) {
  const transaction: Apply<typeof EVENT_TYPES.tokenTransactionCommitted> = (tx, { payload }) =>
    store.addTransaction(tx, payload.orgId, payload.transactionId, new Date(payload.createdAt), transactionFacts(payload));
  const paid: Apply<typeof EVENT_TYPES.paymentSucceeded> = (tx, { payload, occurredAt }) =>
    store.addPayment(tx, payload.orgId, new Date(occurredAt), { tokenId: payload.tokenId, currency: payload.currency, paid: BigInt(payload.amount), refunded: 0n, payments: 1 });
  const refunded: Apply<typeof EVENT_TYPES.paymentRefunded> = (tx, { payload, occurredAt }) =>
    store.addPayment(tx, payload.orgId, new Date(occurredAt), { tokenId: payload.tokenId, currency: payload.currency, paid: 0n, refunded: BigInt(payload.amount), payments: 0 });
  const membership: Apply<typeof EVENT_TYPES.orgMembershipChanged> = async (tx, { payload, occurredAt }) => {
    const joined = payload.previousRole === null && payload.role !== null ? 1 : 0;
    const left = payload.previousRole !== null && payload.role === null ? 1 : 0;
    if (joined || left) await store.addMembership(tx, payload.orgId, new Date(occurredAt), { joined, left });
  };
  const audit: Apply<typeof EVENT_TYPES.auditRecorded> = async (tx, { id, payload }) => {
    if (!payload.orgId) return;
    await store.appendAudit(tx, {
      id,
      orgId: payload.orgId,
      subgraph: payload.subgraph,
      actor: payload.actor,
      action: payload.operation,
      outcome: payload.outcome,
      errorCode: payload.errorCode,
      requestId: payload.requestId,
      at: new Date(payload.at),
    });
  };
  return {
    numbers: {
      [EVENT_TYPES.tokenTransactionCommitted]: transaction,
      [EVENT_TYPES.paymentSucceeded]: paid,
      [EVENT_TYPES.paymentRefunded]: refunded,
      [EVENT_TYPES.orgMembershipChanged]: membership,
    },
    audit: { [EVENT_TYPES.auditRecorded]: audit },
  } as const;
}

export const NUMBER_EVENTS = [EVENT_TYPES.tokenTransactionCommitted, EVENT_TYPES.paymentSucceeded, EVENT_TYPES.paymentRefunded, EVENT_TYPES.orgMembershipChanged] as const;
export const CONSUMED_EVENTS = [...NUMBER_EVENTS, EVENT_TYPES.auditRecorded] as const;

/** One handler for every event analytics consumes: each type through the inbox under its consumer, checked against its contract. */
export function analyticsHandler(db: Db, store: PostgresAnalyticsStore, logger: Logger): EventHandler {
  const effects = analyticsEffects(store);
  const handlers = new Map<string, IdempotentHandler>();
  const add = (consumer: string, table: Record<string, Apply<never>>) => {
    for (const [type, apply] of Object.entries(table)) {
      const payload = EVENT_PAYLOADS[type as EventType] as z.ZodType<unknown>;
      handlers.set(type, idempotentHandler({ db, schema: 'analytics', consumer, payload, logger }, apply as (tx: Tx, e: EventEnvelope<unknown>) => Promise<void>));
    }
  };
  add(NUMBERS_CONSUMER, effects.numbers as unknown as Record<string, Apply<never>>);
  add(AUDIT_CONSUMER, effects.audit as unknown as Record<string, Apply<never>>);
  // a batch of every type in one transaction: a transfer's committed and audit events arrive interleaved
  return Object.assign(
    async (event: EventEnvelope) => {
      await handlers.get(event.type)?.(event);
    },
    { batch: (events: readonly EventEnvelope[]) => inOneTransaction(db, logger, events, (event) => handlers.get(event.type)) },
  );
}
