import { GraphQLError } from 'graphql';
import { BoundedCache } from './cache.ts';
import { storeUnavailable, type KeyValueStore } from './store.ts';

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

/** How long a value read from the store is served while the store cannot be reached (`RIGHTS_GRACE_SECONDS`). */
export const RIGHTS_GRACE_SECONDS = 30;

export interface RightsOptions {
  /** Seconds a value read from the store may still be served while the store cannot be reached; 0 never does. */
  readonly graceSeconds?: number;
  /** How long a read waits for the store when a value within its grace could answer instead. */
  readonly readTimeoutMs?: number;
  /** Values remembered at most, least recently used dropped first. */
  readonly capacity?: number;
  /** The clock of the grace (a test's own). */
  readonly now?: () => number;
}

const FLOOR = 'floor';
const sessionKey = (sessionId: string) => `session:${sessionId}`;
const memberKey = (userId: string, orgId: string) => `member:${userId}:${orgId}`;

/**
 * The least membership epoch (ms) under a store whose floor is `floorSeconds`: past the whole second the store
 * started in, so past every epoch raised before it lost its memory.
 */
const epochFloor = (floorSeconds: number) => (floorSeconds + 1) * 1000;

/** A value of the store as last read: the absence of a key is a value too (no revocation, no change). */
type Known = string | null;

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
 *
 * While the store cannot be reached, each value this process read from it in the last `graceSeconds` is served as
 * it was read (so people's requests keep working through a short Redis outage, with rights at most that old); a
 * value older than that, or never read, cannot be checked and the caller refuses (`SERVICE_UNAVAILABLE`). Writes
 * are never buffered: a change or revocation that cannot be written throws `SERVICE_UNAVAILABLE`, and this process
 * forgets what it knew of that key, so it refuses the tokens concerned rather than serve the value before it.
 */
export class Rights {
  readonly #known: BoundedCache<string, Known> | null;
  readonly #readTimeoutMs: number;
  readonly #now: () => number;
  /** When the store last failed to answer, while no read has succeeded since; null while it answers. */
  #unreachableSince: number | null = null;
  #probing = false;

  constructor(
    private readonly store: KeyValueStore,
    options: RightsOptions = {},
  ) {
    const graceSeconds = options.graceSeconds ?? RIGHTS_GRACE_SECONDS;
    this.#now = options.now ?? Date.now;
    this.#known = graceSeconds > 0 ? new BoundedCache(options.capacity ?? 100_000, { ttlMs: graceSeconds * 1000, now: this.#now }) : null;
    this.#readTimeoutMs = options.readTimeoutMs ?? 500;
  }

  /** Since when the store has not answered (this process's clock), or null while it answers. */
  get unreachableSince(): number | null {
    return this.#unreachableSince;
  }

  /** Sets the floor if the store has none (at start-up, so tokens issued from now on are not refused). */
  async ready(now = Date.now()): Promise<number> {
    const floor = await this.writing([FLOOR], async () => {
      await this.store.setIfAbsent(FLOOR, String(Math.floor(now / 1000)), 10 * 365 * 24 * 3600);
      return this.store.get(FLOOR);
    });
    this.#known?.set(FLOOR, floor);
    return Number(floor);
  }

  /**
   * Called by the owner of memberships before and after it commits a change of one. The epoch goes past the
   * store's floor too, so a change in the store's first second still moves it beyond what `membershipEpoch` read.
   */
  async membershipChanged(userId: string, orgId: string, now = Date.now()): Promise<void> {
    const key = memberKey(userId, orgId);
    const [floor] = await this.read([FLOOR]);
    const least = Math.max(now, epochFloor(floor === null ? await this.ready() : Number(floor)) + 1);
    const raised = await this.writing([key], () => this.store.raise(key, least, RIGHTS_MEMORY_SECONDS));
    this.#known?.set(key, String(raised));
  }

  /**
   * Read by identity before it reads the membership it puts in an access token, and by token before it trusts what
   * it learned of a recipient. Never below the store's floor: a store that lost its memory lost the epochs too, and
   * an epoch read as 0 would let what was learned before a change look current.
   */
  async membershipEpoch(userId: string, orgId: string): Promise<number> {
    const [floor, epoch] = await this.read([FLOOR, memberKey(userId, orgId)]);
    return Math.max(Number(epoch ?? 0), epochFloor(floor === null ? await this.ready() : Number(floor)));
  }

  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    for (const [i, id] of sessionIds.entries()) {
      const raised = await this.writing(sessionIds.slice(i).map(sessionKey), () => this.store.raise(sessionKey(id), 1, RIGHTS_MEMORY_SECONDS));
      this.#known?.set(sessionKey(id), String(raised));
    }
  }

  /** One round trip to the store per request; rights that cannot be checked throw `SERVICE_UNAVAILABLE`, and the caller refuses. */
  async verdict(stamp: RightsStamp): Promise<RightsVerdict> {
    const keys = [FLOOR, sessionKey(stamp.sessionId), ...(stamp.orgId ? [memberKey(stamp.userId, stamp.orgId)] : [])];
    const [floorValue, revoked, epoch] = await this.read(keys);
    const floor = floorValue === null ? await this.ready() : Number(floorValue);
    if (revoked !== null) return 'session-revoked';
    if (stamp.issuedAt < floor) return 'rights-changed';
    if (epoch != null && Number(epoch) > stamp.epoch) return 'rights-changed';
    return 'current';
  }

  /**
   * The keys' values from the store, remembered; while the store is known to be away, what is remembered of every
   * key (within its grace) without waiting, one read at a time going on in the background to notice its return.
   */
  private async read(keys: readonly string[]): Promise<Known[]> {
    const known = this.remembered(keys);
    if (known && this.#unreachableSince !== null) {
      this.probe(keys);
      return known;
    }
    const reading = this.fetch(keys);
    try {
      // without a fallback, and while the store answers, the store's own retries bound the wait
      return known || this.#unreachableSince !== null ? await within(reading, this.#readTimeoutMs) : await reading;
    } catch (err) {
      this.#unreachableSince ??= this.#now();
      if (known) return known;
      throw err instanceof GraphQLError ? err : storeUnavailable(err);
    }
  }

  private async fetch(keys: readonly string[]): Promise<Known[]> {
    const values = await this.store.getMany(keys);
    for (const [i, key] of keys.entries()) this.#known?.set(key, values[i] ?? null);
    this.#unreachableSince = null;
    return values;
  }

  private probe(keys: readonly string[]): void {
    if (this.#probing) return;
    this.#probing = true;
    this.fetch(keys)
      .catch(() => undefined)
      .finally(() => {
        this.#probing = false;
      });
  }

  /** Every key's remembered value, or null when one is not remembered (never read, or read longer ago than the grace). */
  private remembered(keys: readonly string[]): Known[] | null {
    if (!this.#known) return null;
    const values: Known[] = [];
    for (const key of keys) {
      const value = this.#known.get(key);
      if (value === undefined) return null;
      values.push(value);
    }
    return values;
  }

  /** A write that fails forgets the keys it meant to change: this process then refuses their tokens instead of allowing them. */
  private async writing<T>(keys: readonly string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      for (const key of keys) this.#known?.delete(key);
      this.#unreachableSince ??= this.#now();
      throw err instanceof GraphQLError ? err : storeUnavailable(err);
    }
  }
}

/** The promise's outcome, or a rejection after `ms`; a later rejection of the promise is then ignored. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
