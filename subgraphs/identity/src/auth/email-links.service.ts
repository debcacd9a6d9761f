import { and, eq, isNull } from 'drizzle-orm';
import { appError, inTenant, throttleOrThrow, type Db, type KeyValueStore, type Tx } from '@etika/kit';
import type { Locale } from '@etika/schema';
import { checkPasswordPolicy, hashPassword } from '../security/index.ts';
import type { ClientInfo, IssuedTokens, SessionService } from '../session/session.service.ts';
import { accountLinks, users } from '../tables.ts';
import { recordMailRequested, recordUserChanged } from '../user/user.events.ts';
import { sealedLinkContext, sealLinkSecret } from './link-seal.ts';
import { generateLinkToken, hashLinkToken, LINK_LIFETIME_MS, LINKS_PER_EMAIL, linkUsable, localeOrDefault, type LinkPurpose } from './email-links.rules.ts';

const LINK_REFUSED = 'This link has expired or was already used; ask for a new one';

/**
 * The flows that need mail. Sign-up confirms the address before the account exists, and answers the same whether
 * the address has an account or not (the mail says which); "forgot password" sends a single-use, expiring link, and
 * using it ends every session of the account. Mail goes through the notification subgraph (an event per mail).
 */
export class EmailLinkService {
  constructor(
    private readonly db: Db,
    private readonly store: KeyValueStore,
    private readonly sessions: SessionService,
    private readonly after: () => void,
    /** Links one client address may ask for in an hour (`SIGN_UP_LIMIT_PER_ADDRESS`: each costs a hash and a mail). */
    private readonly perAddress: number,
    /** Notification's public key: the only key a link's secret is sealed for before it leaves in an event. */
    private readonly mailKey: JsonWebKey,
  ) {}

  private seal(kind: 'verify-email' | 'reset-password', email: string, token: string): string {
    return sealLinkSecret(this.mailKey, token, sealedLinkContext(kind, email));
  }

  private async throttle(email: string, client: ClientInfo): Promise<void> {
    await throttleOrThrow(this.store, [
      { key: `links:address:${client.address}`, limit: { max: this.perAddress, windowSeconds: 3600 } },
      { key: `links:email:${email}`, limit: LINKS_PER_EMAIL },
    ]);
  }

  private async link(tx: Tx, purpose: LinkPurpose, values: { email: string; userId: string | null; passwordHash: string | null; locale: Locale }): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = generateLinkToken();
    const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS[purpose]);
    await tx.insert(accountLinks).values({ tokenHash: hash, purpose, ...values, expiresAt });
    return { token, expiresAt };
  }

  /**
   * Step one of a sign-up. A new address is sent a link that creates the account; an address that has one is told
   * so by mail (with a way to reset the password). Both cost one password hash and answer alike.
   */
  async requestSignUp(email: string, password: string, language: string | null, client: ClientInfo): Promise<void> {
    await this.throttle(email, client);
    const problem = checkPasswordPolicy(password);
    if (problem) throw appError('BAD_USER_INPUT', problem, { field: 'password' });
    const passwordHash = await hashPassword(password);
    const locale = localeOrDefault(language);
    await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const [existing] = await tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email));
      if (existing) {
        await recordMailRequested(tx, { kind: 'account-exists', userId: existing.id, email, locale: localeOrDefault(existing.locale), sealedToken: null, expiresAt: null });
        return;
      }
      const { token, expiresAt } = await this.link(tx, 'sign-up', { email, userId: null, passwordHash, locale });
      await recordMailRequested(tx, { kind: 'verify-email', userId: null, email, locale, sealedToken: this.seal('verify-email', email, token), expiresAt: expiresAt.toISOString() });
    });
    this.after();
  }

  /** Step two: the link creates the account with its address confirmed, and signs in. */
  async completeSignUp(token: string, client: ClientInfo): Promise<IssuedTokens> {
    const userId = await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const link = await this.useOrThrow(tx, 'sign-up', token);
      const [user] = await tx
        .insert(users)
        .values({ email: link.email, passwordHash: link.passwordHash!, locale: link.locale, emailVerifiedAt: new Date() })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (!user) throw appError('LINK_EXPIRED', LINK_REFUSED);
      await recordUserChanged(tx, user.id);
      return user.id;
    });
    this.after();
    return this.sessions.startSession(userId, client);
  }

  /** "Forgot password": a link to the address if it has an account; the same answer either way. */
  async requestPasswordReset(email: string, client: ClientInfo): Promise<void> {
    await this.throttle(email, client);
    await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const [user] = await tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email));
      if (!user) return;
      const locale = localeOrDefault(user.locale);
      const { token, expiresAt } = await this.link(tx, 'reset-password', { email, userId: user.id, passwordHash: null, locale });
      await recordMailRequested(tx, { kind: 'reset-password', userId: user.id, email, locale, sealedToken: this.seal('reset-password', email, token), expiresAt: expiresAt.toISOString() });
    });
    this.after();
  }

  /** Sets the new password with a reset link (once), proves the address, and ends every session of the account. */
  async resetPassword(token: string, password: string): Promise<void> {
    const problem = checkPasswordPolicy(password);
    if (problem) throw appError('BAD_USER_INPUT', problem, { field: 'password' });
    const passwordHash = await hashPassword(password);
    const userId = await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const link = await this.useOrThrow(tx, 'reset-password', token);
      const userId = link.userId!;
      await tx.update(users).set({ passwordHash, emailVerifiedAt: new Date() }).where(eq(users.id, userId));
      // the other reset links of the account stop working too
      await tx.update(accountLinks).set({ usedAt: new Date() }).where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, 'reset-password'), isNull(accountLinks.usedAt)));
      await recordUserChanged(tx, userId);
      return userId;
    });
    this.after();
    await this.sessions.signOutEverywhere(userId);
  }

  /** Marks the link used, in the caller's transaction: of two concurrent uses, one wins. */
  private async useOrThrow(tx: Tx, purpose: LinkPurpose, token: string) {
    const [link] = await tx.select().from(accountLinks).where(and(eq(accountLinks.tokenHash, hashLinkToken(token)), eq(accountLinks.purpose, purpose))).for('update');
    if (!link || !linkUsable(link, new Date())) throw appError('LINK_EXPIRED', LINK_REFUSED);
    await tx.update(accountLinks).set({ usedAt: new Date() }).where(eq(accountLinks.tokenHash, link.tokenHash));
    return link;
  }
}
