import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { appError, inTenant, signToken, uuidOrThrow, type Db, type Rights } from '@etika/kit';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, scopesForRole, type AccessTokenClaims } from '@etika/schema';
import { generateOpaqueToken, hashOpaqueToken } from '../security/index.ts';
import { refreshTokens, sessions } from '../tables.ts';
import type { MembershipDirectory, MembershipSummary } from '../auth/memberships.client.ts';

export const ACCESS_TOKEN_SECONDS = 600;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

type Key = Parameters<typeof signToken>[0];

/** Where a sign-in comes from, as the gateway saw it: what names a session in the list of one's sessions. */
export interface ClientInfo {
  readonly address: string;
  readonly agent: string | null;
}

export type SessionRow = Pick<typeof sessions.$inferSelect, 'id' | 'createdAt' | 'lastUsedAt' | 'clientAddress' | 'userAgent'>;

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date;
  readonly userId: string;
  readonly orgId: string | null;
}

/** The membership a session acts in: the one it chose if still valid, else the first, else none. */
export function pickActiveMembership(memberships: readonly MembershipSummary[], wanted: string | null): MembershipSummary | null {
  return memberships.find((m) => m.orgId === wanted) ?? memberships[0] ?? null;
}

/**
 * Sessions and the tokens they hand out. Access tokens are short-lived JWTs whose organisation, role and scopes
 * are read from org at issue time; refresh tokens are opaque, single-use, and a reused one revokes its family.
 */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly signingKey: Key,
    private readonly directory: MembershipDirectory,
    private readonly rights: Rights,
  ) {}

  private async accessToken(userId: string, sessionId: string, membership: MembershipSummary | null) {
    const expiresAt = new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000);
    // org raises the epoch before and after it commits a change, so a token stamped with it never outlives one
    const epoch = membership ? await this.rights.membershipEpoch(userId, membership.orgId) : 0;
    // `sub` is the registered subject claim, set from `subject`
    const claims: Omit<AccessTokenClaims, 'sub'> = {
      sid: sessionId,
      org: membership?.orgId ?? null,
      role: membership?.role ?? null,
      scp: membership ? [...scopesForRole(membership.role)] : [],
      ep: epoch,
    };
    const accessToken = await signToken(
      this.signingKey,
      claims,
      { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access, subject: userId, expiresInSeconds: ACCESS_TOKEN_SECONDS, jti: randomUUID() },
    );
    return { accessToken, expiresAt };
  }

  /** Starts a session for a user who has proven who they are. */
  async startSession(userId: string, client: ClientInfo): Promise<IssuedTokens> {
    const membership = pickActiveMembership(await this.directory.membershipsOf(userId), null);
    const refresh = generateOpaqueToken();
    const sessionId = await inTenant(this.db, { orgId: null, userId }, async (tx) => {
      const [session] = await tx
        .insert(sessions)
        .values({ userId, activeOrgId: membership?.orgId ?? null, clientAddress: client.address, userAgent: client.agent })
        .returning({ id: sessions.id });
      await tx.insert(refreshTokens).values({
        tokenHash: refresh.hash,
        sessionId: session!.id,
        expiresAt: new Date(Date.now() + REFRESH_TOKEN_SECONDS * 1000),
      });
      return session!.id;
    });
    const access = await this.accessToken(userId, sessionId, membership);
    return { ...access, refreshToken: refresh.token, userId, orgId: membership?.orgId ?? null };
  }

  /**
   * Rotates a refresh token. The token is marked used with a conditional update, so of two concurrent uses one
   * wins; presenting a used token again revokes the whole session (the family), and the revocation is committed
   * before the error is returned.
   */
  async refresh(token: string, client: ClientInfo): Promise<IssuedTokens> {
    const tokenHash = hashOpaqueToken(token);
    const outcome = await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const [row] = await tx
        .select({ sessionId: refreshTokens.sessionId, usedAt: refreshTokens.usedAt, expiresAt: refreshTokens.expiresAt, userId: sessions.userId, revokedAt: sessions.revokedAt, activeOrgId: sessions.activeOrgId })
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, tokenHash));
      if (!row || row.revokedAt || row.expiresAt <= new Date()) return { kind: 'expired' as const };
      const claimed = await tx
        .update(refreshTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
        .returning({ sessionId: refreshTokens.sessionId });
      if (claimed.length === 0) {
        // pending until the rights store has it: committed with the revocation, so no outage of the store loses it
        await tx.update(sessions).set({ revokedAt: new Date(), revokedReason: 'refresh token reused', rightsPending: true }).where(eq(sessions.id, row.sessionId));
        return { kind: 'reused' as const, sessionId: row.sessionId };
      }
      await tx.update(sessions).set({ lastUsedAt: new Date(), clientAddress: client.address, userAgent: client.agent }).where(eq(sessions.id, row.sessionId));
      const next = generateOpaqueToken();
      await tx.insert(refreshTokens).values({
        tokenHash: next.hash,
        sessionId: row.sessionId,
        expiresAt: new Date(Date.now() + REFRESH_TOKEN_SECONDS * 1000),
      });
      return { kind: 'rotated' as const, next: next.token, sessionId: row.sessionId, userId: row.userId, activeOrgId: row.activeOrgId };
    });
    // a reuse means the family leaked: every access token of the session stops at once, not when it expires
    if (outcome.kind === 'reused') await this.writeRevocations([outcome.sessionId]);
    if (outcome.kind !== 'rotated') throw appError('SESSION_EXPIRED', 'Your session has ended; sign in again');
    const membership = pickActiveMembership(await this.directory.membershipsOf(outcome.userId), outcome.activeOrgId);
    const access = await this.accessToken(outcome.userId, outcome.sessionId, membership);
    return { ...access, refreshToken: outcome.next, userId: outcome.userId, orgId: membership?.orgId ?? null };
  }

  /**
   * Writes the revocations of sessions already revoked here to the rights store, and clears their pending mark;
   * while the store cannot be reached they stay pending (the retrying pass takes them). Answers how many it wrote.
   */
  private async writeRevocations(sessionIds: readonly string[]): Promise<number> {
    if (sessionIds.length === 0) return 0;
    try {
      await this.rights.revokeSessions(sessionIds);
    } catch {
      return 0;
    }
    await inTenant(this.db, { orgId: null, userId: null }, (tx) => tx.update(sessions).set({ rightsPending: false }).where(inArray(sessions.id, [...sessionIds])));
    return sessionIds.length;
  }

  /** The retrying pass: the revocations the rights store missed while it was down, oldest first. */
  async writePendingRevocations(batch = 100): Promise<number> {
    const pending = await inTenant(this.db, { orgId: null, userId: null }, (tx) =>
      tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.rightsPending, true)).orderBy(asc(sessions.revokedAt)).limit(batch),
    );
    return this.writeRevocations(pending.map((s) => s.id));
  }

  /** A new access token for another of the caller's organisations; the session remembers the choice. */
  async switchOrganization(userId: string, sessionId: string, orgId: string): Promise<IssuedTokens> {
    const wanted = uuidOrThrow(orgId, 'organizationId');
    const membership = (await this.directory.membershipsOf(userId)).find((m) => m.orgId === wanted);
    if (!membership) throw appError('FORBIDDEN', 'You are not a member of that organisation');
    const updated = await inTenant(this.db, { orgId: null, userId }, (tx) =>
      tx
        .update(sessions)
        .set({ activeOrgId: orgId })
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id }),
    );
    if (updated.length === 0) throw appError('SESSION_EXPIRED', 'Your session has ended; sign in again');
    const access = await this.accessToken(userId, sessionId, membership);
    return { ...access, refreshToken: null, userId, orgId };
  }

  /** Ends one of the caller's sessions (this one when signing out): its refresh and access tokens stop at once. */
  async signOut(userId: string, sessionId: string): Promise<boolean> {
    const id = uuidOrThrow(sessionId, 'sessionId');
    // the revocation is known before the database says so: a failure in between refuses, never allows
    await this.rights.revokeSessions([id]);
    const ended = await inTenant(this.db, { orgId: null, userId }, (tx) =>
      tx
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: 'signed out' })
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id }),
    );
    return ended.length > 0;
  }

  /** Ends every session of the caller, this one included. */
  async signOutEverywhere(userId: string): Promise<number> {
    const open = await this.sessionsOf(userId);
    await this.rights.revokeSessions(open.map((s) => s.id));
    const ended = await inTenant(this.db, { orgId: null, userId }, (tx) =>
      tx
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: 'signed out everywhere' })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id }),
    );
    await this.rights.revokeSessions(ended.map((s) => s.id));
    return ended.length;
  }

  /** The caller's sessions that can still be refreshed, most recently used first. */
  async sessionsOf(userId: string): Promise<SessionRow[]> {
    const horizon = new Date(Date.now() - REFRESH_TOKEN_SECONDS * 1000);
    return inTenant(this.db, { orgId: null, userId }, (tx) =>
      tx
        .select({ id: sessions.id, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt, clientAddress: sessions.clientAddress, userAgent: sessions.userAgent })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.lastUsedAt, horizon)))
        .orderBy(desc(sessions.lastUsedAt)),
    );
  }
}
