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

/**
 * Adding a person is an invitation they accept: no role is held before. Tenant-owned; the invitee reads and
 * answers it across organisations through a policy on their own (verified) email address.
 */
export const invitations = org.table(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The organisation's name when the invitation was sent, for an invitee who cannot read the organisation yet. */
    organizationName: text('organization_name').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_open').on(t.orgId, t.email).where(sql`${t.status} = 'pending'`),
    index('invitations_email').on(t.email),
    check('invitations_role', sql`${t.role} in ('owner', 'admin', 'member', 'auditor')`),
    check('invitations_status', sql`${t.status} in ('pending', 'accepted', 'declined', 'revoked')`),
  ],
);
