import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { Tx } from './db.ts';
import { appError } from './errors.ts';

/**
 * The idempotency keys of one subgraph, in its own schema: a subgraph that takes keys exports
 * `idempotencyTable(itsSchema)` from its tables.ts, so its migrations create the table (with `org_id`, hence
 * tenant isolation). Keys are kept forever; a failed operation leaves none, since its claim rolls back with it.
 */
export function idempotencyTable(schema: PgSchema<string>) {
  return schema.table(
    'idempotency_keys',
    {
      orgId: uuid('org_id').notNull(),
      key: text('key').notNull(),
      /** SHA-256 of the request, to tell a retry from a different request under the same key. */
      requestHash: text('request_hash').notNull(),
      /** What the first request produced, replayed to every retry; null only inside the claiming transaction. */
      result: jsonb('result'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.orgId, t.key] })],
  );
}

export type IdempotencyTable = ReturnType<typeof idempotencyTable>;

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** 1–100 letters, digits or `. _ : -`; anything else is the caller's mistake. */
export function idempotencyKeyOrThrow(key: string, field = 'idempotencyKey'): string {
  if (!/^[\w.:-]{1,100}$/.test(key)) throw appError('BAD_USER_INPUT', 'The idempotency key needs 1–100 letters, digits or . _ : -', { field });
  return key;
}

/** The fingerprint of a request: SHA-256 over its JSON, so build `request` with its keys in a fixed order. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export interface IdempotentRequest {
  readonly orgId: string;
  readonly key: string;
  /** Everything that makes two requests the same request (see `requestFingerprint`). */
  readonly request: unknown;
}

export interface IdempotentOperation<T, S extends Json> {
  /** The work itself, in the caller's transaction; runs only for the request that claims the key. */
  run(): Promise<T>;
  /** What to keep of the result for retries (e.g. the id of what was created). */
  save(result: T): S;
  /** The first result again, from what `save` kept. */
  replay(saved: S): Promise<T>;
}

/**
 * Runs an operation once per key, inside the caller's transaction: the first request claims the key
 * (`INSERT … ON CONFLICT DO NOTHING`, so a concurrent request with the same key waits for the first to commit or
 * roll back), runs and stores its result; the same request again gets that result replayed, a different request
 * under the same key is refused with `IDEMPOTENCY_CONFLICT`. If the operation fails, its transaction rolls back
 * and takes the claim with it, so the key can be used again.
 */
export async function idempotent<T, S extends Json>(
  tx: Tx,
  table: IdempotencyTable,
  request: IdempotentRequest,
  operation: IdempotentOperation<T, S>,
): Promise<{ readonly result: T; readonly replayed: boolean }> {
  const requestHash = requestFingerprint(request.request);
  const where = and(eq(table.orgId, request.orgId), eq(table.key, request.key));
  const claimed = await tx.insert(table).values({ orgId: request.orgId, key: request.key, requestHash }).onConflictDoNothing().returning({ key: table.key });
  if (claimed.length === 0) {
    const [existing] = await tx.select({ requestHash: table.requestHash, result: table.result }).from(table).where(where);
    if (!existing) throw new Error('idempotency key vanished');
    if (existing.requestHash !== requestHash) throw appError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used for a different request');
    if (existing.result === null) throw new Error('idempotency key claimed twice in one transaction');
    return { result: await operation.replay(existing.result as S), replayed: true };
  }
  const result = await operation.run();
  await tx.update(table).set({ result: operation.save(result) }).where(where);
  return { result, replayed: false };
}
