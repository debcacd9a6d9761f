import { sql, type SQL } from 'drizzle-orm';
import type { EventEnvelope } from '@etika/schema';
import { queryRows, type Db, type Tx } from '../db.ts';
import { APP_ROLE, inTenant } from '../tenant.ts';

/**
 * Runs `fn` in one transaction as the application role with `app.system` set to `system`, as a subgraph's own
 * pass across organisations sets it: `outbox-relay` for the outbox relay, the subgraph's name for its consumers,
 * `payment-reconciler` for payment's reconciliation. A test then reads what no single tenant owns through the
 * same policies the code does. For one organisation's rows use `rowsInTenant` (or `inTenant`) instead.
 *
 * The role switch matters on PGlite too: its session is a superuser and sees every row, so without it a read in
 * the wrong scope would pass there and fail only on a server with an ordinary role.
 */
export async function asSystem<T>(db: Db, system: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', ${system}, true), set_config('role', ${APP_ROLE}, true)`);
    return fn(tx as unknown as Tx);
  });
}

/**
 * The rows of `query` in one organisation's scope (`inTenant`, as the application role, no person): what that
 * organisation's own requests could read, through the same policies.
 */
export async function rowsInTenant<T extends Record<string, unknown>>(db: Db, orgId: string, query: SQL): Promise<T[]> {
  return inTenant(db, { orgId, userId: null }, (tx) => queryRows<T>(tx, query));
}

/** An outbox row as its relay reads it: the event, and when the relay published it (null while pending). */
export interface OutboxEvent extends EventEnvelope<Record<string, unknown>> {
  readonly publishedAt: string | null;
}

const SCHEMA = /^[a-z_][a-z0-9_]*$/;

/**
 * The events in a subgraph's outbox (schema `schema`) that match `where`, oldest first, read in the relay's scope:
 * only the relay may read an outbox, so this is how a test sees what a subgraph has published or will.
 */
export async function outboxEvents(db: Db, schema: string, where: SQL = sql`true`): Promise<OutboxEvent[]> {
  if (!SCHEMA.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const rows = await asSystem(db, 'outbox-relay', (tx) =>
    queryRows<{ id: string; org_id: string | null; type: string; payload: unknown; occurred_at: Date | string; published_at: Date | string | null }>(
      tx,
      sql`select id, org_id, type, payload, occurred_at, published_at from ${sql.raw(`${schema}.outbox`)} where ${where} order by occurred_at, id`,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    orgId: r.org_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    // PGlite answers jsonb as a string, postgres.js as a value
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    publishedAt: r.published_at === null ? null : new Date(r.published_at).toISOString(),
  }));
}
