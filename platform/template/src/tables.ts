import { index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const __camel__Schema = pgSchema('__name__');

/** Tenant-owned: the `org_id` column is all it takes for the kit to force row-level security on it. */
export const items = __camel__Schema.table(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    title: text('title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('items_org_created').on(t.orgId, t.createdAt)],
);
