import type { KeyValueStore } from './store.ts';

/**
 * How long a change of rights must be remembered: longer than any access token lives (10 minutes, plus the
 * verifiers' clock tolerance), after which every token issued before the change has expired anyway.
 */
export const RIGHTS_MEMORY_SECONDS = 15 * 60;

/** What an access token (and the principal made from it) says about when its rights were read. */
export interface RightsStamp {
  readonly userId: string;
  readonly sessionId: string;
  readonly orgId: string | null;
  /** The membership epoch identity read when it issued the token (0 when none was set). */
  readonly epoch: number;
  /** When the token was issued, in seconds. */
  readonly issuedAt: number;
}

/** `current`, or why the token's rights are no longer the person's: sign in again, or refresh. */
export type RightsVerdict = 'current' | 'session-revoked' | 'rights-changed';

const FLOOR = 'floor';
const sessionKey = (sessionId: string) => `session:${sessionId}`;
const memberKey = (userId: string, orgId: string) => `member:${userId}:${orgId}`;

/**
 * The platform's current rights, shared by the gateway and every subgraph (Redis when set, one in-process store
 * otherwise). The owner of a rule writes a change before and after committing it; identity stamps each access
 * token with the membership epoch it read before it read the membership; every request is checked against it.
 *
 * - A membership change (role changed, member removed, invitation accepted) raises the (user, organisation) epoch:
 *   tokens stamped with an older one are refused with `rights-changed`, and the client refreshes.
 * - Sign-out, "sign out everywhere" and a detected refresh-token reuse revoke sessions: their tokens are refused
 *   with `session-revoked`.
 * - The store remembers when it started (the floor). A store that lost its memory (a Redis restart) starts a new
 *   floor, and every token issued before it is refused with `rights-changed`: unknown means refused, never allowed.
 */
export class Rights {
  constructor(private readonly store: KeyValueStore) {}

  /** Sets the floor if the store has none (at start-up, so tokens issued from now on are not refused). */
  async ready(now = Date.now()): Promise<number> {
    await this.store.setIfAbsent(FLOOR, String(Math.floor(now / 1000)), 10 * 365 * 24 * 3600);
    return Number(await this.store.get(FLOOR));
  }

  /** Called by the owner of memberships before and after it commits a change of one. */
  async membershipChanged(userId: string, orgId: string, now = Date.now()): Promise<void> {
    await this.store.raise(memberKey(userId, orgId), now, RIGHTS_MEMORY_SECONDS);
  }

  /** Read by identity before it reads the membership it puts in an access token. */
  async membershipEpoch(userId: string, orgId: string): Promise<number> {
    return Number((await this.store.get(memberKey(userId, orgId))) ?? 0);
  }

  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    for (const id of sessionIds) await this.store.raise(sessionKey(id), 1, RIGHTS_MEMORY_SECONDS);
  }

  /** One round trip to the store per request; a store that cannot answer throws, and the caller refuses. */
  async verdict(stamp: RightsStamp): Promise<RightsVerdict> {
    const keys = [FLOOR, sessionKey(stamp.sessionId), ...(stamp.orgId ? [memberKey(stamp.userId, stamp.orgId)] : [])];
    const [floorValue, revoked, epoch] = await this.store.getMany(keys);
    const floor = floorValue === null ? await this.ready() : Number(floorValue);
    if (revoked !== null) return 'session-revoked';
    if (stamp.issuedAt < floor) return 'rights-changed';
    if (epoch != null && Number(epoch) > stamp.epoch) return 'rights-changed';
    return 'current';
  }
}
