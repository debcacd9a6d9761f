import { bigint, boolean, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { token } from '../tables.ts';

/**
 * What org answered about a person's membership, under the epoch read before asking (migration 0005, written by
 * hand like the purchase tables, outside `tables.ts`). It has `org_id`, so the kit forces row-level security on it.
 */
export const members = token.table(
  'members',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    member: boolean('member').notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'members_pkey', columns: [t.orgId, t.userId] })],
);
