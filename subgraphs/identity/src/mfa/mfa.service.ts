import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { appError, inTenant, throttleOrThrow, type Db, type KeyValueStore, type Tx } from '@etika/kit';
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, otpauthUri, verifyTotp } from '../security/index.ts';
import { recoveryCodes, users } from '../tables.ts';

export const TOTP_ISSUER = 'Etika';
const CONFIRM_LIMIT = { max: 5, windowSeconds: 900 };

export interface TotpEnrollment {
  readonly secret: string;
  readonly otpauthUri: string;
}

/** TOTP enrolment, confirmation, second-factor checks with replay refused, recovery codes, disabling. */
export class MfaService {
  constructor(
    private readonly db: Db,
    private readonly store: KeyValueStore,
  ) {}

  private tx<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return inTenant(this.db, { orgId: null, userId }, fn);
  }

  async enroll(userId: string): Promise<TotpEnrollment> {
    const secret = generateTotpSecret();
    const [user] = await this.tx(userId, (tx) =>
      tx
        .update(users)
        .set({ totpSecret: secret, totpLastStep: null })
        .where(and(eq(users.id, userId), eq(users.totpEnabled, false)))
        .returning({ email: users.email }),
    );
    if (!user) throw appError('CONFLICT', 'Two-step sign-in is already on; turn it off first');
    return { secret, otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: user.email, secret }) };
  }

  /** Checks a TOTP code and records its time step in one conditional update, so a code is never accepted twice. */
  private async acceptTotp(tx: Tx, userId: string, code: string, requireEnabled: boolean): Promise<boolean> {
    const [user] = await tx
      .select({ secret: users.totpSecret, lastStep: users.totpLastStep, enabled: users.totpEnabled })
      .from(users)
      .where(eq(users.id, userId));
    if (!user?.secret || user.enabled !== requireEnabled) return false;
    const result = verifyTotp({ secret: user.secret, code, now: Date.now(), lastUsedStep: user.lastStep === null ? null : Number(user.lastStep) });
    if (!result.ok) return false;
    const step = BigInt(result.step);
    const claimed = await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return claimed.length === 1;
  }

  private async acceptRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
      .returning({ userId: recoveryCodes.userId });
    return used.length === 1;
  }

  /** Turns TOTP on once the person proves their app has the secret; returns the recovery codes, shown once. */
  async confirm(userId: string, code: string): Promise<string[]> {
    await throttleOrThrow(this.store, [{ key: `mfa:account:${userId}`, limit: CONFIRM_LIMIT }]);
    const codes = generateRecoveryCodes();
    const ok = await this.tx(userId, async (tx) => {
      if (!(await this.acceptTotp(tx, userId, code, false))) return false;
      await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, userId));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await tx.insert(recoveryCodes).values(codes.map((c: string) => ({ userId, codeHash: hashRecoveryCode(c) })));
      return true;
    });
    if (!ok) throw appError('INVALID_MFA_CODE', 'That code is not right; check your authenticator app');
    return codes;
  }

  async verifySecondFactorOrThrow(userId: string, code: string): Promise<void> {
    const ok = await this.tx(userId, async (tx) =>
      (await this.acceptTotp(tx, userId, code, true)) || (await this.acceptRecoveryCode(tx, userId, code)),
    );
    if (!ok) throw appError('INVALID_MFA_CODE', 'That code is not right or was already used');
  }

  async disable(userId: string, code: string): Promise<void> {
    await throttleOrThrow(this.store, [{ key: `mfa:account:${userId}`, limit: CONFIRM_LIMIT }]);
    await this.verifySecondFactorOrThrow(userId, code);
    await this.tx(userId, async (tx) => {
      await tx.update(users).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(users.id, userId));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    });
  }
}
