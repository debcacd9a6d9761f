import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { auditInTransaction, requestLoader } from '@etika/kit';
import type { Locale } from '@etika/schema';
import type { NotificationContext } from '../context.ts';
import { renderNotification } from '../mail/templates.ts';
import { encodeCursor, isNotificationKind, type NotificationParams } from './notification.rules.ts';
import type { NotificationRow } from './notification.service.ts';
import { Notification, NotificationKindValue, NotificationPage } from './notification.type.ts';

export function toNotification(row: NotificationRow, locale: Locale): Notification {
  const params = JSON.parse(row.params) as NotificationParams;
  const kind = isNotificationKind(row.kind) ? row.kind : 'role.changed';
  const rendered = renderNotification(kind, locale, params);
  return {
    id: row.id,
    kind: row.kind as NotificationKindValue,
    organizationId: row.orgId,
    title: rendered.subject,
    text: rendered.text,
    params: Object.entries(params).map(([name, value]) => ({ name, value })),
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

export const notificationReference = {
  __resolveReference: async (ref: { id: string }, ctx: NotificationContext) =>
    requestLoader(ctx, 'notification', async (ids) => {
      const locale = await ctx.services.preferences.localeOf(ctx.principal);
      return (await ctx.services.notifications.byIds(ctx.principal, ids)).map((r) => (r ? toNotification(r, locale) : null));
    }).load(ref.id),
};

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationPage, { description: 'Your notifications, newest first, in every organisation you belong to.' })
  @Directive('@authenticated')
  @Directive('@listSize(assumedSize: 100, slicingArguments: ["first"], sizedFields: ["nodes"])')
  async notifications(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: NotificationContext,
  ): Promise<NotificationPage> {
    const { rows, hasMore } = await ctx.services.notifications.list(ctx.principal, first, after ?? null);
    const locale = await ctx.services.preferences.localeOf(ctx.principal);
    const last = rows.at(-1);
    return { nodes: rows.map((r) => toNotification(r, locale)), endCursor: last ? encodeCursor(last.createdAt, last.id) : null, hasNextPage: hasMore };
  }

  @Query(() => Notification, { nullable: true, description: 'One of your notifications by its id; null when there is none of yours with it (what live notificationAdded resolves).' })
  @Directive('@authenticated')
  async notification(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationContext): Promise<Notification | null> {
    return notificationReference.__resolveReference({ id }, ctx);
  }

  @Query(() => Int, { description: 'How many of your notifications you have not read.' })
  @Directive('@authenticated')
  async unreadNotificationCount(@Ctx() ctx: NotificationContext): Promise<number> {
    return ctx.services.notifications.unreadCount(ctx.principal);
  }

  @Mutation(() => Notification, { description: 'Marks one of your notifications read.' })
  @Directive('@authenticated')
  async markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationContext): Promise<Notification> {
    const row = await ctx.services.notifications.markRead(ctx.principal, id, auditInTransaction(ctx, 'notification', 'markNotificationRead'));
    return toNotification(row, await ctx.services.preferences.localeOf(ctx.principal));
  }

  @Mutation(() => Int, { description: 'Marks every notification of yours read; answers how many were unread.' })
  @Directive('@authenticated')
  async markAllNotificationsRead(@Ctx() ctx: NotificationContext): Promise<number> {
    return ctx.services.notifications.markAllRead(ctx.principal, auditInTransaction(ctx, 'notification', 'markAllNotificationsRead'));
  }
}
