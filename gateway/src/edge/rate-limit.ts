import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '@etika/schema';

/** Cost points per window (one minute unless a test says otherwise) for each kind of caller. */
export interface RateLimitSettings {
  /** A partner key's limit when its organisation set none. */
  readonly perApiKey: number;
  readonly perPerson: number;
  /** Every person and key of one organisation together. */
  readonly perOrganization: number;
  /** Anonymous requests, and failed authentications, per client address. */
  readonly perAddress: number;
  readonly windowSeconds: number;
}


export type PolicyName = 'api-key' | 'person' | 'organization' | 'address';

/** One quota a request spends from: which policy, whose counter, how many points per window. */
export interface Quota {
  readonly policy: PolicyName;
  readonly key: string;
  readonly limit: number;
}

export interface QuotaState {
  readonly quota: Quota;
  readonly remaining: number;
  /** Seconds until the window ends and the quota is whole again. */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
}

/** The quotas a caller spends from: a key and its organisation, a person and their active organisation, or an address. */
export function quotasFor(principal: Principal, clientAddress: string, settings: RateLimitSettings, keyLimit: number | null): Quota[] {
  const organization = (orgId: string | null): Quota[] => (orgId ? [{ policy: 'organization', key: `org:${orgId}`, limit: settings.perOrganization }] : []);
  switch (principal.kind) {
    case 'apiKey':
      return [{ policy: 'api-key', key: `key:${principal.keyId}`, limit: keyLimit ?? settings.perApiKey }, ...organization(principal.orgId)];
    case 'user':
      return [{ policy: 'person', key: `user:${principal.userId}`, limit: settings.perPerson }, ...organization(principal.orgId)];
    default:
      return addressQuota(clientAddress, settings);
  }
}

export const addressQuota = (clientAddress: string, settings: RateLimitSettings): Quota[] => [{ policy: 'address', key: `ip:${clientAddress}`, limit: settings.perAddress }];

/** The longest the first requests wait for Redis's first connection (one that neither opens nor fails) before the memory limiter stands in. */
const FIRST_CONNECTION_WAIT_MS = 5_000;

/**
 * Fixed-window quotas of cost points, in Redis when a URL is given (shared by every gateway instance; a
 * per-instance memory limiter stands in while Redis cannot be reached) and in memory otherwise. A request spends
 * its estimated cost from every quota it is subject to; it is refused when any of them is exhausted, and what it
 * spent still counts, so hammering a refused quota does not help.
 */
export class RateLimits {
  private constructor(
    readonly settings: RateLimitSettings,
    private readonly limiter: RateLimiterAbstract,
    private readonly redis: Redis | null,
  ) {
    // a gateway just started counts in Redis from its first request: it waits for the first connection (or its
    // failure), where a Redis lost later is stood in for at once
    this.connected = redis
      ? new Promise<void>((resolve) => {
          if (redis.status === 'ready') return resolve();
          for (const event of ['ready', 'error', 'end']) redis.once(event, () => resolve());
          setTimeout(resolve, FIRST_CONNECTION_WAIT_MS).unref();
        })
      : null;
  }

  private readonly connected: Promise<void> | null;

  static open(settings: RateLimitSettings, redisUrl: string | undefined, prefix: string): RateLimits {
    // the counters are compared with each quota's own limit below, so the limiter itself never refuses
    const common = { points: Number.MAX_SAFE_INTEGER, duration: settings.windowSeconds, keyPrefix: `${prefix}ratelimit` };
    const memory = new RateLimiterMemory(common);
    if (!redisUrl) return new RateLimits(settings, memory, null);
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    // while the connection is down, count in memory at once instead of waiting on the client's reconnection attempts
    return new RateLimits(settings, new RateLimiterRedis({ ...common, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true }), redis);
  }

  async spend(quotas: readonly Quota[], cost: number): Promise<QuotaState[]> {
    if (this.connected) await this.connected;
    const points = Math.max(1, Math.ceil(cost));
    return Promise.all(
      quotas.map(async (quota) => {
        const res = await this.limiter.penalty(quota.key, points);
        return {
          quota,
          remaining: Math.max(0, quota.limit - res.consumedPoints),
          resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
          exceeded: res.consumedPoints > quota.limit,
        };
      }),
    );
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => undefined);
  }
}

/**
 * `RateLimit-Policy` and `RateLimit` as the IETF httpapi draft writes them (structured-field lists of quoted
 * policy names with parameters): `"person";q=6000;w=60` and `"person";r=5990;t=42`, one item per quota.
 */
export function rateLimitHeaders(states: readonly QuotaState[], windowSeconds: number): Record<string, string> {
  if (states.length === 0) return {};
  return {
    'ratelimit-policy': states.map((s) => `"${s.quota.policy}";q=${s.quota.limit};w=${windowSeconds}`).join(', '),
    ratelimit: states.map((s) => `"${s.quota.policy}";r=${s.remaining};t=${s.resetSeconds}`).join(', '),
  };
}

/** Seconds a refused caller should wait: until the last of its exhausted quotas is whole again. */
export function retryAfterSeconds(states: readonly QuotaState[]): number | null {
  const exceeded = states.filter((s) => s.exceeded);
  return exceeded.length ? Math.max(...exceeded.map((s) => s.resetSeconds)) : null;
}
