import { eq } from 'drizzle-orm';
import {
  appError,
  inTenant,
  resetThrottle,
  signToken,
  throttleOrThrow,
  verifyToken,
  type Db,
  type KeyValueStore,
} from '@etika/kit';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, normaliseEmail } from '@etika/schema';
import { checkPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from '../security/index.ts';
import type { MfaService } from '../mfa/mfa.service.ts';
import { users } from '../tables.ts';
import { recordUserChanged } from '../user/user.events.ts';
import type { ClientInfo, IssuedTokens, SessionService } from '../session/session.service.ts';
import { FAILURE_MEMORY_SECONDS, secondsToWait } from './sign-in.rules.ts';

type Key = Parameters<typeof signToken>[0];

/** Per address: one client trying many accounts (a pair's own failures slow it down: `sign-in.rules.ts`). */
export const SIGN_IN_LIMITS = { address: { max: 100, windowSeconds: 900 } };
export const MFA_LIMITS = { account: { max: 5, windowSeconds: 900 }, address: { max: 50, windowSeconds: 900 } };
const MFA_TOKEN_SECONDS = 300;

export type SignInOutcome = { kind: 'signedIn'; tokens: IssuedTokens } | { kind: 'mfaRequired'; mfaToken: string };

function emailOrThrow(raw: string): string {
  const email = normaliseEmail(raw);
  if (!email) throw appError('BAD_USER_INPUT', 'Enter a valid email address', { field: 'email' });
  return email;
}

/** Sign-up, sign-in and its second step. */
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly store: KeyValueStore,
    private readonly keys: { sign: Key; verify: Key },
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    /** Sign-ups one address may make in an hour: each costs an argon2 hash. */
    private readonly signUpsPerAddress: number,
  ) {}

  /** One account per normalised email, also under concurrent sign-ups: the unique index decides. */
  async signUp(rawEmail: string, password: string, client: ClientInfo): Promise<IssuedTokens> {
    const email = emailOrThrow(rawEmail);
    await throttleOrThrow(this.store, [{ key: `signup:address:${client.address}`, limit: { max: this.signUpsPerAddress, windowSeconds: 3600 } }]);
    const problem = checkPasswordPolicy(password);
    if (problem) throw appError('BAD_USER_INPUT', problem, { field: 'password' });
    const passwordHash = await hashPassword(password);
    const inserted = await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const rows = await tx.insert(users).values({ email, passwordHash }).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
      if (rows[0]) await recordUserChanged(tx, rows[0].id);
      return rows;
    });
    const user = inserted[0];
    if (!user) throw appError('EMAIL_TAKEN', 'An account with this email already exists');
    return this.sessions.startSession(user.id, client);
  }

  async signIn(rawEmail: string, password: string, client: ClientInfo): Promise<SignInOutcome> {
    const email = emailOrThrow(rawEmail);
    const pair = `signin:pair:${email}:${client.address}`;
    const [failures, lastFailure] = await this.store.getMany([pair, `${pair}:at`]);
    const wait = secondsToWait(Number(failures ?? 0), lastFailure === null ? null : Number(lastFailure), Date.now());
    if (wait > 0) throw appError('TOO_MANY_REQUESTS', `Too many wrong passwords from here; try again in ${wait} s`, { retryAfterSeconds: wait });
    await throttleOrThrow(this.store, [{ key: `signin:address:${client.address}`, limit: SIGN_IN_LIMITS.address }]);
    const [user] = await inTenant(this.db, { orgId: null, userId: null }, (tx) =>
      tx.select({ id: users.id, passwordHash: users.passwordHash, totpEnabled: users.totpEnabled }).from(users).where(eq(users.email, email)),
    );
    const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (!user || !valid) {
      await this.store.increment(pair, FAILURE_MEMORY_SECONDS);
      await this.store.raise(`${pair}:at`, Date.now(), FAILURE_MEMORY_SECONDS);
      throw appError('INVALID_CREDENTIALS', 'Email or password is wrong');
    }
    await this.store.delete(pair);
    await this.store.delete(`${pair}:at`);
    if (user.totpEnabled) {
      const mfaToken = await signToken(this.keys.sign, {}, {
        issuer: TOKEN_ISSUER.identity,
        audience: TOKEN_AUDIENCE.mfa,
        subject: user.id,
        expiresInSeconds: MFA_TOKEN_SECONDS,
      });
      return { kind: 'mfaRequired', mfaToken };
    }
    return { kind: 'signedIn', tokens: await this.sessions.startSession(user.id, client) };
  }

  /** The second step: a TOTP code or a recovery code, throttled per account and per address. */
  async completeMfaSignIn(mfaToken: string, code: string, client: ClientInfo): Promise<IssuedTokens> {
    let userId: string;
    try {
      const payload = await verifyToken(this.keys.verify, mfaToken, { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.mfa });
      userId = payload.sub ?? '';
    } catch {
      throw appError('SESSION_EXPIRED', 'The sign-in took too long; start again');
    }
    await throttleOrThrow(this.store, [
      { key: `mfa:account:${userId}`, limit: MFA_LIMITS.account },
      { key: `mfa:address:${client.address}`, limit: MFA_LIMITS.address },
    ]);
    await this.mfa.verifySecondFactorOrThrow(userId, code);
    await resetThrottle(this.store, `mfa:account:${userId}`);
    return this.sessions.startSession(userId, client);
  }
}
