/**
 * How long the platform takes, after a load, to finish what the ledger's transfers set going: token's relay
 * publishing every `token.transaction.committed` event, and chain, notification and analytics each having handled
 * every one of them (their inboxes). The load's rate alone would count transfers whose leaf, notification and
 * rollup are still waiting; the bench waits for them before the next configuration, and reports the wait.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@etika/kit';
import { asSystem } from '@etika/kit/testing';

const CONSUMERS = ['chain', 'notification', 'analytics'] as const;

interface Backlog {
  readonly committed: number;
  readonly unpublished: number;
  /** For each consuming subgraph, the most events of that type any one of its consumers has handled. */
  readonly handled: Readonly<Record<(typeof CONSUMERS)[number], number>>;
}

async function backlog(db: Db): Promise<Backlog> {
  // every subgraph's schema is in the one database; read as token's relay reads its outbox
  return asSystem(db, 'outbox-relay', async (tx) => {
    const [row] = await queryRows<{ committed: number; unpublished: number; chain: number; notification: number; analytics: number }>(
      tx,
      sql.raw(`with e as (select id, published_at from token.outbox where type = 'token.transaction.committed')
        select (select count(*)::int from e) as committed,
               (select count(*)::int from e where published_at is null) as unpublished,
               ${CONSUMERS.map((s) => `(select coalesce(max(n), 0)::int from (select count(*) as n from ${s}.inbox where event_id in (select id from e) group by consumer) c) as ${s}`).join(',\n               ')}`),
    );
    return { committed: row!.committed, unpublished: row!.unpublished, handled: { chain: row!.chain, notification: row!.notification, analytics: row!.analytics } };
  });
}

/** Waits until nothing is left (at most `timeoutMs`) and answers how long that took, in ms. */
export async function waitForDownstream(db: Db, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const b = await backlog(db);
    if (b.unpublished === 0 && CONSUMERS.every((s) => b.handled[s] >= b.committed)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`downstream still behind after ${timeoutMs} ms: ${JSON.stringify(b)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
