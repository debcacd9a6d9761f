import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { auditInTransaction } from '@etika/kit';
import type { NotificationContext } from '../context.ts';
import { NotificationKindValue } from '../notification/notification.type.ts';
import type { PreferenceView } from './preference.rules.ts';
import { NotificationChannel, NotificationPreference } from './preference.type.ts';

const toPreference = (v: PreferenceView): NotificationPreference => ({ kind: v.kind as NotificationKindValue, inApp: v.inApp, email: v.email, locked: v.locked });

@Resolver(() => NotificationPreference)
export class PreferenceResolver {
  @Query(() => [NotificationPreference], { description: 'Every kind of notification, with where it reaches you.' })
  @Directive('@authenticated')
  @Directive('@listSize(assumedSize: 12)')
  async notificationPreferences(@Ctx() ctx: NotificationContext): Promise<NotificationPreference[]> {
    return (await ctx.services.preferences.list(ctx.principal)).map(toPreference);
  }

  @Mutation(() => NotificationPreference, { description: 'Turns one kind of notification on or off on one channel (security notices stay on).' })
  @Directive('@authenticated')
  async setNotificationPreference(
    @Arg('kind', () => NotificationKindValue) kind: NotificationKindValue,
    @Arg('channel', () => NotificationChannel) channel: NotificationChannel,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: NotificationContext,
  ): Promise<NotificationPreference> {
    return toPreference(await ctx.services.preferences.set(ctx.principal, kind, channel, enabled, auditInTransaction(ctx, 'notification', 'setNotificationPreference')));
  }
}
