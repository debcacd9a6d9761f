import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgSchema } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../src/testing/index.ts';
import { idempotencyKeyOrThrow, idempotencyTable, idempotent, inTenant, migrateSubgraph, queryRows, type Database, type Tx } from '../src/index.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** A subgraph whose tables.ts holds the kit's idempotency table, migrated as every subgraph is. */
function migrationsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kit-idempotency-'));
  mkdirSync(join(dir, 'meta'));
  writeFileSync(
    join(dir, '0000_init.sql'),
    [
      'CREATE SCHEMA "demo";',
      `CREATE TABLE "demo"."idempotency_keys" ("org_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "result" jsonb,
        "created_at" timestamp with time zone DEFAULT now() NOT NULL, CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("org_id","key"));`,
      'CREATE TABLE "demo"."payments" ("id" serial PRIMARY KEY, "org_id" uuid NOT NULL, "amount" text NOT NULL);',
    ].join('\n--> statement-breakpoint\n'),
  );
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }] }));
  return dir;
}

const keys = idempotencyTable(pgSchema('demo'));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
let runs = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  database = db.database;
  await migrateSubgraph(database, 'demo', migrationsFolder());
});
afterAll(() => db.close());

/** A payment-like operation: one row per run, its id is what retries get back. */
async function pay(tx: Tx, amount: string): Promise<{ id: number; amount: string }> {
  runs++;
  const [row] = await queryRows<{ id: number }>(tx, sql`insert into demo.payments (org_id, amount) values (nullif(current_setting('app.org_id', true), '')::uuid, ${amount}) returning id`);
  if (amount === 'fail') throw new Error('provider declined');
  return { id: row!.id, amount };
}

function charge(orgId: string, key: string, amount: string) {
  return inTenant(database.db, { orgId, userId: null }, (tx) =>
    idempotent(tx, keys, { orgId, key, request: { amount } }, {
      run: () => pay(tx, amount),
      save: (payment) => ({ paymentId: payment.id }),
      replay: async (saved) => {
        const [row] = await queryRows<{ id: number; amount: string }>(tx, sql`select id, amount from demo.payments where id = ${saved.paymentId}`);
        return row!;
      },
    }),
  );
}

const payments = (orgId: string) =>
  inTenant(database.db, { orgId, userId: null }, (tx) => queryRows<{ amount: string }>(tx, sql`select amount from demo.payments order by id`));
const storedKeys = (orgId: string) =>
  inTenant(database.db, { orgId, userId: null }, (tx) => queryRows<{ key: string; result: unknown }>(tx, sql`select key, result from demo.idempotency_keys order by key`));

describe('idempotent', () => {
  it('runs the first request and replays its result to a retry', async () => {
    const first = await charge(A, 'k1', '100');
    const again = await charge(A, 'k1', '100');
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await payments(A)).toEqual([{ amount: '100' }]);
    expect(await storedKeys(A)).toEqual([{ key: 'k1', result: { paymentId: first.result.id } }]);
  });

  it('refuses a different request under the same key, and changes nothing', async () => {
    await expect(charge(A, 'k1', '999')).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_CONFLICT' } });
    expect(await payments(A)).toEqual([{ amount: '100' }]);
  });

  it('keys belong to one organisation: another may use the same key', async () => {
    const other = await charge(B, 'k1', '999');
    expect(other.replayed).toBe(false);
    expect(await payments(B)).toEqual([{ amount: '999' }]);
    expect(await storedKeys(A)).toHaveLength(1);
  });

  it('a failed operation leaves no key, so the key can be used again', async () => {
    await expect(charge(A, 'k2', 'fail')).rejects.toThrow('provider declined');
    expect(await storedKeys(A)).toEqual([expect.objectContaining({ key: 'k1' })]);
    const retried = await charge(A, 'k2', '50');
    expect(retried.replayed).toBe(false);
    expect(await payments(A)).toEqual([{ amount: '100' }, { amount: '50' }]);
  });

  it('concurrent claims of one key run the operation once and all get its result', async () => {
    runs = 0;
    const results = await Promise.all(Array.from({ length: 8 }, () => charge(A, 'k3', '7')));
    expect(runs).toBe(1);
    expect(new Set(results.map((r) => r.result.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await payments(A)).filter((p) => p.amount === '7')).toHaveLength(1);
  });

  it('concurrent different requests under one key: one runs, the others are refused', async () => {
    runs = 0;
    const settled = await Promise.allSettled(['1', '2', '3', '4'].map((amount) => charge(A, 'k4', amount)));
    expect(runs).toBe(1);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toMatchObject({ extensions: { code: 'IDEMPOTENCY_CONFLICT' } });
  });
});

describe('idempotencyKeyOrThrow', () => {
  it.each(['a', 'order-1:retry_2.x', 'k'.repeat(100)])('accepts %j', (key) => {
    expect(idempotencyKeyOrThrow(key)).toBe(key);
  });
  it.each(['', 'k'.repeat(101), 'has space', 'ü'])('refuses %j', (key) => {
    expect(() => idempotencyKeyOrThrow(key)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' }) }));
  });
});
