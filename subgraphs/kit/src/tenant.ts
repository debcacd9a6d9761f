import { sql } from 'drizzle-orm';
import type { Principal } from '@etika/schema';
import type { Db, Tx } from './db.ts';
import { retryingTransaction } from './transaction.ts';

/** The database role every operation runs as: not owner, not superuser, no BYPASSRLS, so RLS always applies. */
export const APP_ROLE = 'etika_app';

export interface TenantScope {
  readonly orgId: string | null;
  readonly userId: string | null;
}

export function scopeOf(principal: Principal): TenantScope {
  if (principal.kind === 'user') return { orgId: principal.orgId, userId: principal.userId };
  if (principal.kind === 'apiKey') return { orgId: principal.orgId, userId: null };
  return { orgId: null, userId: null };
}

/**
 * Runs `fn` in one transaction as the application role with the tenant set locally; row-level security decides
 * which rows exist. The same statements work on PGlite (whose session is a superuser) and on Postgres.
 * A serialization failure or deadlock runs `fn` again in a new transaction (`retryingTransaction`), so `fn` must
 * do nothing outside the database it cannot repeat; an unreachable database is `SERVICE_UNAVAILABLE`.
 */
export async function inTenant<T>(db: Db, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return retryingTransaction(() =>
    db.transaction(async (tx) => {
      // one round trip: set_config('role', …, true) is SET LOCAL ROLE
      await tx.execute(
        sql`select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('role', ${APP_ROLE}, true)`,
      );
      return fn(tx as unknown as Tx);
    }),
  );
}

/** Changes the tenant within the current transaction (for the rare flow that learns it from a row). */
export async function setTenant(tx: Tx, scope: TenantScope): Promise<void> {
  await tx.execute(
    sql`select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`,
  );
}

/** Sets one more transaction-local setting that a table's policy reads (e.g. `app.api_key_hash`). */
export async function setLocal(tx: Tx, name: `app.${string}`, value: string): Promise<void> {
  await tx.execute(sql`select set_config(${name}, ${value}, true)`);
}
