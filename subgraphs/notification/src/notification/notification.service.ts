import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { appError, inTenant, loadByIds, personOrThrow, recordEvent, setLocal, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import { EVENT_TYPES, type EventEnvelope, type IdentityUserChanged, type NotificationCreated, type OrgInvitationCreated, type Principal } from '@etika/schema';
import { directory, localeOf } from '../directory/directory.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import { renderNotification } from '../mail/templates.ts';
import { enabledFor, type Channel } from '../preference/preference.rules.ts';
import { invitations, notifications, preferences } from '../tables.ts';
import { ADMIN_ROLES, decodeCursor, type Notice, type NotificationParams } from './notification.rules.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export const PAGE_MAX = 100;

/** In-app notifications: made from events (once per person and event), read and marked read by their person only. */
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly mail: MailService,
    private readonly appUrl: string,
  ) {}

  /**
   * Tells each notice's audience, in the consumer's transaction: an in-app notification for each person who wants
   * one and a mail for each who wants one at a verified address (an invitation goes to the address it names).
   */
  async deliver(tx: Tx, event: EventEnvelope, orgId: string, notices: readonly Notice[], options: { readonly mail: boolean } = { mail: true }): Promise<void> {
    await setLocal(tx, 'app.system', 'notification');
    for (const notice of notices) {
      const audience = notice.audience;
      const userIds =
        audience.to === 'user'
          ? [audience.userId]
          : audience.to === 'admins'
            ? await directory.usersWithRole(tx, orgId, ADMIN_ROLES)
            : (await directory.recipientsByEmail(tx, audience.email)).filter((r) => r.emailVerified).map((r) => r.userId);
      const people = await directory.recipientsByIds(tx, userIds);
      const choices = await this.choicesOf(tx, userIds);
      const link = notice.kind === 'invitation.received' ? `${this.appUrl}/invitations` : null;
      for (const userId of userIds) {
        const wants = (channel: Channel) => enabledFor(notice.kind, channel, choices.get(userId) ?? new Map());
        if (wants('in_app')) {
          // its own time, to the millisecond the list's cursor keeps: the events of a batch share one transaction's now()
          const [made] = await tx.insert(notifications).values({ orgId, userId, kind: notice.kind, params: JSON.stringify(notice.params), eventId: event.id, createdAt: new Date() }).onConflictDoNothing().returning();
          // for live updates; addressed to no organisation's tenant: the payload names its one person
          if (made) {
            await recordEvent<NotificationCreated>(tx, 'notification', EVENT_TYPES.notificationCreated, null, { notificationId: made.id, userId, orgId, kind: made.kind, createdAt: made.createdAt.toISOString() });
          }
        }
        const person = people.get(userId);
        if (options.mail && audience.to !== 'address' && person?.emailVerified && wants('email')) {
          const locale = localeOf(person.locale);
          await this.mail.enqueue(tx, { dedupeKey: `${event.id}/${userId}/${notice.kind}`, to: person.email, locale, template: notice.kind, rendered: renderNotification(notice.kind, locale, notice.params), link, footer: true });
        }
      }
      if (options.mail && audience.to === 'address') {
        const inviter = notice.params['invitedBy'] ? (await directory.recipientsByIds(tx, [notice.params['invitedBy']])).get(notice.params['invitedBy']) : undefined;
        const known = [...people.values()][0];
        const locale = localeOf(known?.locale ?? inviter?.locale);
        await this.mail.enqueue(tx, { dedupeKey: `${event.id}/address/${audience.email}`, to: audience.email, locale, template: notice.kind, rendered: renderNotification(notice.kind, locale, notice.params), link, footer: false });
      }
    }
  }

  /** Keeps an invitation by address, so that a person who confirms that address later is told of it. */
  async rememberInvitation(tx: Tx, event: EventEnvelope<OrgInvitationCreated>, notice: Notice): Promise<void> {
    const { payload } = event;
    await tx.insert(invitations).values({ eventId: event.id, orgId: payload.orgId, email: payload.email, params: JSON.stringify(notice.params), expiresAt: new Date(payload.expiresAt) }).onConflictDoNothing();
  }

  /** A person whose address is confirmed now is told in the app of the open invitations to it (once each). */
  async invitationsFor(tx: Tx, person: IdentityUserChanged): Promise<void> {
    if (!person.emailVerified) return;
    const open = await tx.select().from(invitations).where(and(eq(invitations.email, person.email), gt(invitations.expiresAt, new Date())));
    for (const invitation of open) {
      const event = { id: invitation.eventId, type: EVENT_TYPES.orgInvitationCreated, orgId: invitation.orgId, occurredAt: new Date().toISOString(), payload: {} };
      const params = JSON.parse(invitation.params) as NotificationParams;
      await this.deliver(tx, event, invitation.orgId, [{ audience: { to: 'user', userId: person.userId }, kind: 'invitation.received', params }], { mail: false });
    }
  }

  private async choicesOf(tx: Tx, userIds: readonly string[]): Promise<Map<string, Map<string, boolean>>> {
    const byUser = new Map<string, Map<string, boolean>>();
    if (userIds.length === 0) return byUser;
    for (const row of await tx.select().from(preferences).where(inArray(preferences.userId, [...userIds]))) {
      const own = byUser.get(row.userId) ?? new Map<string, boolean>();
      own.set(`${row.kind}/${row.channel}`, row.enabled);
      byUser.set(row.userId, own);
    }
    return byUser;
  }

  /** The person's notifications, newest first, after `cursor`; one more than asked tells whether there are more. */
  async list(principal: Principal, first: number, cursor: string | null): Promise<{ rows: NotificationRow[]; hasMore: boolean }> {
    const person = personOrThrow(principal);
    if (!Number.isInteger(first) || first < 1 || first > PAGE_MAX) throw appError('BAD_USER_INPUT', `first is 1 to ${PAGE_MAX}`, { field: 'first' });
    const after = cursor === null ? null : decodeCursor(cursor);
    if (cursor !== null && !after) throw appError('BAD_USER_INPUT', 'That cursor is not one this list gave', { field: 'after' });
    const rows = await inTenant(this.db, { orgId: person.orgId, userId: person.userId }, (tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, person.userId), after ? or(lt(notifications.createdAt, after.createdAt), and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id))) : undefined))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(first + 1),
    );
    return { rows: rows.slice(0, first), hasMore: rows.length > first };
  }

  byIds(principal: Principal, ids: readonly string[]): Promise<(NotificationRow | null)[]> {
    if (principal.kind !== 'user') return Promise.resolve(ids.map(() => null));
    const scope = { orgId: principal.orgId, userId: principal.userId };
    return loadByIds(ids, (valid) => inTenant(this.db, scope, (tx) => tx.select().from(notifications).where(inArray(notifications.id, valid))), (r) => r.id);
  }

  async unreadCount(principal: Principal): Promise<number> {
    const person = personOrThrow(principal);
    const [row] = await inTenant(this.db, { orgId: person.orgId, userId: person.userId }, (tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, person.userId), isNull(notifications.readAt))),
    );
    return Number(row?.n ?? 0);
  }

  /** Marks one of the person's notifications read; another person's does not exist for them (NOT_FOUND). */
  async markRead(principal: Principal, id: string, audit: (tx: Tx) => Promise<void>): Promise<NotificationRow> {
    const person = personOrThrow(principal);
    const notificationId = uuidOrThrow(id, 'id');
    return inTenant(this.db, { orgId: person.orgId, userId: person.userId }, async (tx) => {
      const [row] = await tx
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(eq(notifications.id, notificationId))
        .returning();
      if (!row) throw appError('NOT_FOUND', 'No such notification');
      await audit(tx);
      return row;
    });
  }

  async markAllRead(principal: Principal, audit: (tx: Tx) => Promise<void>): Promise<number> {
    const person = personOrThrow(principal);
    return inTenant(this.db, { orgId: person.orgId, userId: person.userId }, async (tx) => {
      const rows = await tx.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, person.userId), isNull(notifications.readAt))).returning({ id: notifications.id });
      await audit(tx);
      return rows.length;
    });
  }
}
