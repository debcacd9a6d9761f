import { sql } from 'drizzle-orm';
import { APP_ROLE, queryRows, setTenant, type Db, type Logger, type Tx } from '@etika/kit';
import { EVENT_PAYLOADS, type EventEnvelope, type EventType } from '@etika/schema';
import type { z } from 'zod';
import { analyticsEffects, NUMBER_EVENTS, NUMBERS_CONSUMER } from '../ingest/ingest.consumer.ts';
import { REBUILD_LOCK } from '../store/active.store.ts';
import { PostgresAnalyticsStore } from '../store/postgres.store.ts';

/** Every table of numbers: what a rebuild empties and fills again. The audit trail is not one of them. */
export const NUMBER_TABLES = ['token_slots', 'money_slots', 'active_members', 'active_spans', 'membership_slots', 'holdings', 'balance_changes'] as const;

export interface RebuildReport {
  /** The schemas whose outboxes were read (every subgraph's outbox in the database but analytics' own). */
  readonly producers: readonly string[];
  readonly organisations: number;
  /** Events applied (each once, whatever its number of copies). */
  readonly events: number;
  /** Events whose payload does not fit its contract, skipped as the consumer skips them. */
  readonly rejected: number;
}

type Row = { id: string; org_id: string | null; type: string; payload: unknown; occurred_at: Date | string };

const IDENT = /^[a-z_][a-z0-9_]*$/;
const types = sql`${`{${NUMBER_EVENTS.join(',')}}`}::text[]`;

/**
 * Rebuilds the numbers from scratch by replaying the producers' events (their outboxes keep what they published),
 * in one transaction:
 * - it locks `analytics.inbox` in EXCLUSIVE mode, so the consumers of new events wait until it ends and then
 *   skip what it replayed (the inbox remembers each event once): nothing is counted twice or missed;
 * - it deletes each organisation's numbers and adds its events again through the consumer's own effects;
 * - queries keep answering meanwhile, with the numbers as they were (rows are deleted, not truncated, so readers
 *   see the old rows until the commit); the reads keep no counts while it runs (the rebuild lock). At the commit
 *   every query sees the new numbers at once; if it fails, nothing has changed.
 */
export async function rebuildNumbers(db: Db, logger: Logger, options: { batch?: number } = {}): Promise<RebuildReport> {
  const effects = analyticsEffects(new PostgresAnalyticsStore(db)).numbers as unknown as Record<string, (tx: Tx, e: EventEnvelope<unknown>) => Promise<void>>;
  const batch = options.batch ?? 1_000;
  return db.transaction(async (t) => {
    const tx = t as unknown as Tx;
    // the relay's reading rights on every outbox, as the application role so row-level security applies
    await tx.execute(sql`select set_config('app.system', 'outbox-relay', true), set_config('role', ${APP_ROLE}, true)`);
    await tx.execute(sql`lock table analytics.inbox in exclusive mode`);
    await tx.execute(sql`select pg_advisory_xact_lock(${REBUILD_LOCK})`);
    const producers = (await queryRows<{ schema: string }>(
      tx,
      sql`select table_schema as schema from information_schema.tables where table_name = 'outbox' and table_schema <> 'analytics' order by 1`,
    )).map((r) => r.schema).filter((s) => IDENT.test(s));
    const orgs = new Set<string>();
    for (const schema of producers) {
      const rows = await queryRows<{ org_id: string }>(tx, sql`select distinct org_id from ${sql.raw(`${schema}.outbox`)} where org_id is not null and type = any(${types})`);
      for (const r of rows) orgs.add(r.org_id);
    }
    for (const orgId of orgs) {
      await setTenant(tx, { orgId, userId: null });
      for (const table of NUMBER_TABLES) await tx.execute(sql`delete from ${sql.raw(`analytics.${table}`)} where org_id = ${orgId}`);
    }
    await tx.execute(sql`delete from analytics.inbox where consumer = ${NUMBERS_CONSUMER}`);
    let events = 0;
    let rejected = 0;
    for (const schema of producers) {
      let after: { at: string; id: string } | null = null;
      for (;;) {
        const page: Row[] = await queryRows<Row>(
          tx,
          sql`select id, org_id, type, payload, occurred_at from ${sql.raw(`${schema}.outbox`)}
              where org_id is not null and type = any(${types}) ${after ? sql`and (occurred_at, id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
              order by occurred_at, id limit ${batch}`,
        );
        for (const row of page) {
          const parsed = (EVENT_PAYLOADS[row.type as EventType] as z.ZodType<unknown>).safeParse(typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload);
          if (!parsed.success) {
            rejected++;
            logger.error({ eventId: row.id, type: row.type }, 'event skipped in the rebuild: its payload does not fit the contract');
            continue;
          }
          await setTenant(tx, { orgId: row.org_id, userId: null });
          const fresh = await queryRows(tx, sql`insert into analytics.inbox (consumer, event_id) values (${NUMBERS_CONSUMER}, ${row.id}) on conflict do nothing returning event_id`);
          if (fresh.length === 0) continue;
          const occurredAt = new Date(row.occurred_at).toISOString();
          await effects[row.type]!(tx, { id: row.id, type: row.type, orgId: row.org_id, occurredAt, payload: parsed.data });
          events++;
        }
        if (page.length < batch) break;
        const last = page.at(-1)!;
        after = { at: new Date(last.occurred_at).toISOString(), id: last.id };
      }
    }
    logger.info({ producers, organisations: orgs.size, events, rejected }, 'analytics numbers rebuilt');
    return { producers, organisations: orgs.size, events, rejected };
  });
}
