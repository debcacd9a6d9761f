import { and, eq, inArray } from 'drizzle-orm';
import { setLocal, type Tx } from '@etika/kit';
import { LOCALES, type IdentityUserChanged, type Locale, type OrgMembershipChanged } from '@etika/schema';
import { members, recipients } from '../tables.ts';

export type RecipientRow = typeof recipients.$inferSelect;

export const localeOf = (value: string | undefined | null): Locale => ((LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : 'en');

/**
 * Notification's own view of people and memberships, kept from identity's and org's events: whom to tell, where,
 * in which language, and who an organisation's admins are.
 */
export const directory = {
  async userChanged(tx: Tx, user: IdentityUserChanged): Promise<void> {
    await setLocal(tx, 'app.system', 'notification');
    const values = { userId: user.userId, email: user.email, locale: user.locale, emailVerified: user.emailVerified, updatedAt: new Date() };
    await tx.insert(recipients).values(values).onConflictDoUpdate({ target: recipients.userId, set: values });
  },

  async membershipChanged(tx: Tx, change: OrgMembershipChanged): Promise<void> {
    await setLocal(tx, 'app.system', 'notification');
    if (change.role === null) {
      await tx.delete(members).where(and(eq(members.orgId, change.orgId), eq(members.userId, change.userId)));
      return;
    }
    await tx.insert(members).values({ orgId: change.orgId, userId: change.userId, role: change.role }).onConflictDoUpdate({ target: [members.orgId, members.userId], set: { role: change.role } });
  },

  async usersWithRole(tx: Tx, orgId: string, roles: readonly string[]): Promise<string[]> {
    const rows = await tx.select({ userId: members.userId }).from(members).where(and(eq(members.orgId, orgId), inArray(members.role, [...roles])));
    return rows.map((r) => r.userId);
  },

  async recipientsByIds(tx: Tx, userIds: readonly string[]): Promise<Map<string, RecipientRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await tx.select().from(recipients).where(inArray(recipients.userId, [...userIds]));
    return new Map(rows.map((r) => [r.userId, r]));
  },

  async recipientsByEmail(tx: Tx, email: string): Promise<RecipientRow[]> {
    return tx.select().from(recipients).where(eq(recipients.email, email));
  },
};
