import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import { jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EventEnvelope } from '@etika/schema';
import { queryRows, type Db, type Tx } from './db.ts';
import type { EventBus, EventHandler } from './events.ts';
import type { Logger } from './logger.ts';
import { APP_ROLE, inTenant, setLocal } from './tenant.ts';

/** The kit-owned outbox and inbox every subgraph has in its own schema (created by `migrateSubgraph`). */
export function outboxTable(schemaName: string) {
  return pgSchema(schemaName).table('outbox', {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id'),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  });
}

export function inboxTable(schemaName: string) {
  return pgSchema(schemaName).table(
    'inbox',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );
}

/** DDL for the outbox and inbox; the outbox is readable only by the relay (`app.system = 'outbox-relay'`). */
export function outboxDdl(schema: string): string[] {
  const tenant = `nullif(current_setting('app.org_id', true), '')::uuid`;
  return [
    `CREATE TABLE IF NOT EXISTS ${schema}.outbox (
      id uuid PRIMARY KEY, org_id uuid, type text NOT NULL, payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz)`,
    `CREATE INDEX IF NOT EXISTS outbox_unpublished ON ${schema}.outbox (occurred_at) WHERE published_at IS NULL`,
    `ALTER TABLE ${schema}.outbox ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${schema}.outbox FORCE ROW LEVEL SECURITY`,
    `DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${schema}' AND tablename = 'outbox') THEN
        CREATE POLICY outbox_write ON ${schema}.outbox FOR INSERT WITH CHECK (org_id IS NULL OR org_id = ${tenant});
        CREATE POLICY outbox_relay_read ON ${schema}.outbox FOR SELECT USING (current_setting('app.system', true) = 'outbox-relay');
        CREATE POLICY outbox_relay_mark ON ${schema}.outbox FOR UPDATE USING (current_setting('app.system', true) = 'outbox-relay');
      END IF;
    END $$`,
    `CREATE TABLE IF NOT EXISTS ${schema}.inbox (
      consumer text NOT NULL, event_id uuid NOT NULL, processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id))`,
  ];
}

/** Writes an event in the caller's transaction: it exists exactly when the state change it describes does. */
export async function recordEvent<T>(tx: Tx, schema: string, type: string, orgId: string | null, payload: T): Promise<EventEnvelope<T>> {
  const event: EventEnvelope<T> = { id: randomUUID(), type, orgId, occurredAt: new Date().toISOString(), payload };
  await tx.insert(outboxTable(schema)).values({ id: event.id, orgId, type, payload, occurredAt: new Date(event.occurredAt) });
  return event;
}

export interface OutboxRelay {
  /** Publishes now instead of at the next tick (after a commit, for low latency). */
  kick(): void;
  /** One pass: publishes what is pending, returns how many were published. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Publishes outbox rows to the bus and marks them published. Rows are locked with SKIP LOCKED, so several relays
 * can run; a crash between publishing and marking publishes again (at least once), never loses an event.
 */
export function startOutboxRelay(options: { db: Db; schema: string; bus: EventBus; logger: Logger; intervalMs?: number; batch?: number }): OutboxRelay {
  const { db, schema, bus, logger } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<number> =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.system', 'outbox-relay', true), set_config('role', ${APP_ROLE}, true)`);
      const rows = await queryRows<{ id: string; org_id: string | null; type: string; payload: unknown; occurred_at: Date | string }>(
        tx,
        sql.raw(`select id, org_id, type, payload, occurred_at from ${schema}.outbox
                 where published_at is null order by occurred_at, id limit ${options.batch ?? 200} for update skip locked`),
      );
      if (rows.length === 0) return 0;
      await bus.publish(
        rows.map((r) => ({
          id: r.id,
          type: r.type,
          orgId: r.org_id,
          occurredAt: new Date(r.occurred_at).toISOString(),
          payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
        })),
      );
      await tx.execute(sql`update ${sql.raw(`${schema}.outbox`)} set published_at = now() where id in ${sql`(${sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `)})`}`);
      return rows.length;
    });

  const flush = async (): Promise<number> => {
    // after stop the database may be closing: what is left waits in the outbox for the next start
    if (stopped) return 0;
    if (running) {
      again = true;
      return running;
    }
    let total = 0;
    running = (async () => {
      do {
        again = false;
        let n: number;
        do {
          n = await pass();
          total += n;
        } while (n > 0 && !stopped);
      } while (again && !stopped);
      return total;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  // a pass that fails while the relay stops (its connections closing) is not an error: its rows stay unpublished
  const failed = (err: unknown) => {
    if (!stopped) logger.error({ err }, 'outbox relay pass failed');
  };
  const tick = () => {
    flush()
      .catch(failed)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 500);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    kick: () => void flush().catch(failed),
    flush,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export interface ConsumerOptions<T> {
  readonly db: Db;
  /** The consuming subgraph's schema, whose inbox remembers the events it handled. */
  readonly schema: string;
  /** The consumer's name in the inbox. */
  readonly consumer: string;
  /** The payload's contract (`EVENT_PAYLOADS[type]` in `@etika/schema`). */
  readonly payload: z.ZodType<T>;
  readonly logger: Logger;
}

/**
 * An idempotent consumer: the effect and the inbox row commit together, so a repeated delivery changes nothing.
 * `apply` runs in the transaction it is given, as the app role in the event's organisation, with the payload as its
 * contract parsed it. A payload that does not fit the contract is never applied: it is rejected with a logged
 * error (and acknowledged, since delivering it again cannot make it fit), so it cannot block the events after it.
 */
export function idempotentHandler<T>(options: ConsumerOptions<T>, apply: (tx: Tx, event: EventEnvelope<T>) => Promise<void>): IdempotentHandler {
  const { db, consumer, logger } = options;
  const inbox = inboxTable(options.schema);
  const within = async (tx: Tx, event: EventEnvelope) => {
    const parsed = options.payload.safeParse(event.payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      logger.error({ eventId: event.id, type: event.type, consumer, issues }, 'event rejected: its payload does not fit the contract');
      return;
    }
    const fresh = await tx.insert(inbox).values({ consumer, eventId: event.id }).onConflictDoNothing().returning({ id: inbox.eventId });
    if (fresh.length > 0) await apply(tx, { ...event, payload: parsed.data });
  };
  const handler: IdempotentHandler = Object.assign((event: EventEnvelope) => inTenant(db, { orgId: event.orgId, userId: null }, (tx) => within(tx, event)), {
    within,
    batch: (events: readonly EventEnvelope[]) => inOneTransaction(db, logger, events, () => handler),
  });
  return handler;
}

/** An idempotent consumer that can also apply an event in a transaction its caller holds (in the event's scope). */
export interface IdempotentHandler extends EventHandler {
  readonly within: (tx: Tx, event: EventEnvelope) => Promise<void>;
  readonly batch: (events: readonly EventEnvelope[]) => Promise<void>;
}

/**
 * Events a consumer group has waiting, in one transaction and one commit: each through the handler `route` names
 * for it (none: skipped), in its own organisation's scope. If the transaction fails, they go one at a time, each in
 * a transaction of its own, so an event that cannot be applied fails alone and the ones before it are kept.
 */
export async function inOneTransaction(db: Db, logger: Logger, events: readonly EventEnvelope[], route: (event: EventEnvelope) => IdempotentHandler | undefined): Promise<void> {
  const routed = events.flatMap((event) => {
    const handler = route(event);
    return handler ? [{ handler, event }] : [];
  });
  if (routed.length === 0) return;
  try {
    await inTenant(db, { orgId: null, userId: null }, async (tx) => {
      for (const { handler, event } of routed) {
        await setLocal(tx, 'app.org_id', event.orgId ?? '');
        await handler.within(tx, event);
      }
    });
  } catch (err) {
    if (routed.length === 1) throw err;
    logger.warn({ err, events: routed.length }, 'a batch of events failed; handling them one at a time');
    for (const { handler, event } of routed) await handler(event);
  }
}
