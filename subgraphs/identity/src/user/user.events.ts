import { eq } from 'drizzle-orm';
import { recordEvent, type Tx } from '@etika/kit';
import { EVENT_TYPES, type IdentityMailRequested, type IdentityUserChanged } from '@etika/schema';
import { localeOrDefault } from '../auth/email-links.rules.ts';
import { users } from '../tables.ts';

/** `identity.user.changed` in the change's own transaction: where to write to the person, and in which language. */
export async function recordUserChanged(tx: Tx, userId: string): Promise<void> {
  const [user] = await tx.select({ email: users.email, locale: users.locale, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  if (!user) return;
  await recordEvent<IdentityUserChanged>(tx, 'identity', EVENT_TYPES.identityUserChanged, null, { userId, email: user.email, locale: localeOrDefault(user.locale), emailVerified: user.verifiedAt !== null });
}

/** Asks the notification subgraph for an account mail (with the link's secret), in the same transaction as the link. */
export async function recordMailRequested(tx: Tx, mail: IdentityMailRequested): Promise<void> {
  await recordEvent<IdentityMailRequested>(tx, 'identity', EVENT_TYPES.identityMailRequested, null, mail);
}
