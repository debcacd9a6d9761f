import { eq } from 'drizzle-orm';
import { appError, inTenant, personOrThrow, type Db, type Tx } from '@etika/kit';
import type { Locale, Principal } from '@etika/schema';
import { localeOf } from '../directory/directory.service.ts';
import { isNotificationKind } from '../notification/notification.rules.ts';
import { preferences, recipients } from '../tables.ts';
import { CHANNELS, isLocked, preferenceViews, type Channel, type PreferenceView } from './preference.rules.ts';

/** A person's notification preferences: only their own rows exist for them (row-level security). */
export class PreferenceService {
  constructor(private readonly db: Db) {}

  private scope(principal: Principal) {
    const person = personOrThrow(principal);
    return { orgId: person.orgId, userId: person.userId };
  }

  private async choices(tx: Tx, userId: string): Promise<Map<string, boolean>> {
    const rows = await tx.select().from(preferences).where(eq(preferences.userId, userId));
    return new Map(rows.map((r) => [`${r.kind}/${r.channel}`, r.enabled]));
  }

  async list(principal: Principal): Promise<PreferenceView[]> {
    const scope = this.scope(principal);
    return inTenant(this.db, scope, async (tx) => preferenceViews(await this.choices(tx, scope.userId)));
  }

  async set(principal: Principal, kind: string, channel: string, enabled: boolean, audit: (tx: Tx) => Promise<void>): Promise<PreferenceView> {
    const scope = this.scope(principal);
    if (!isNotificationKind(kind)) throw appError('BAD_USER_INPUT', 'Unknown kind of notification', { field: 'kind' });
    if (!(CHANNELS as readonly string[]).includes(channel)) throw appError('BAD_USER_INPUT', 'Unknown channel', { field: 'channel' });
    if (isLocked(kind) && !enabled) throw appError('PREFERENCE_LOCKED', 'Security notices cannot be turned off', { field: 'kind' });
    return inTenant(this.db, scope, async (tx) => {
      const values = { userId: scope.userId, kind, channel: channel as Channel, enabled, updatedAt: new Date() };
      await tx.insert(preferences).values(values).onConflictDoUpdate({ target: [preferences.userId, preferences.kind, preferences.channel], set: { enabled, updatedAt: values.updatedAt } });
      await audit(tx);
      return preferenceViews(await this.choices(tx, scope.userId)).find((v) => v.kind === kind)!;
    });
  }

  /** The person's language as identity last told (English until it has). */
  async localeOf(principal: Principal): Promise<Locale> {
    if (principal.kind !== 'user') return 'en';
    const [row] = await inTenant(this.db, { orgId: principal.orgId, userId: principal.userId }, (tx) => tx.select({ locale: recipients.locale }).from(recipients).where(eq(recipients.userId, principal.userId)));
    return localeOf(row?.locale);
  }
}
