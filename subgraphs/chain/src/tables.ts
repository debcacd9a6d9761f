import { sql } from 'drizzle-orm';
import { bigint, check, customType, pgSchema, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const chain = pgSchema('chain');

const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** The log's leaves: tenant-owned (a tenant sees its own transactions' leaves), appended in order. */
export const leaves = chain.table('leaves', {
  idx: bigint('idx', { mode: 'number' }).primaryKey(),
  orgId: uuid('org_id').notNull(),
  transactionId: uuid('transaction_id').notNull().unique(),
  data: text('data').notNull(),
  leafHash: bytes('leaf_hash').notNull(),
  appendedAt: timestamp('appended_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Hashes of complete subtrees (level L, index i covers leaves [i·2^L, (i+1)·2^L)): written once, never changed. */
export const nodes = chain.table(
  'nodes',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytes('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** One row: the log's size, locked by every append so appends are serial across processes. */
export const logState = chain.table(
  'log_state',
  {
    id: smallint('id').primaryKey(),
    size: bigint('size', { mode: 'number' }).notNull(),
  },
  (t) => [check('log_state_single', sql`${t.id} = 1`)],
);

/** Signed checkpoints: public, one per size. */
export const checkpoints = chain.table('checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  rootHash: bytes('root_hash').notNull(),
  note: text('note').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
