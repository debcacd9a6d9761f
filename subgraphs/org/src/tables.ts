import { sql } from 'drizzle-orm';
import { check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const org = pgSchema('org');

/** The tenants. A row is its own tenant: `id` plays the part of `org_id` in the policies. */
export const organizations = org.table('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  brandColor: text('brand_color'),
  logoUrl: text('logo_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = org.table(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_org_user').on(t.orgId, t.userId),
    index('memberships_user').on(t.userId),
    check('memberships_role', sql`${t.role} in ('owner', 'admin', 'member', 'auditor')`),
  ],
);
