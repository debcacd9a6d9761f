import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';

/**
 * The small key-value surface the platform needs from Redis (throttles, short-lived markers). With no `REDIS_URL`
 * an in-process map stands in, with the same expiry semantics.
 */
export interface KeyValueStore {
  /** Adds one to a counter that expires `ttlSeconds` after its first hit; returns the new count. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  get(key: string): Promise<string | null>;
  /** Several values in one round trip, in the order asked. */
  getMany(keys: readonly string[]): Promise<(string | null)[]>;
  /** Raises a number to at least `atLeast` and above its current value (a monotonic epoch); returns the new value. */
  raise(key: string, atLeast: number, ttlSeconds: number): Promise<number>;
  /** Sets the value only when the key is absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryStore implements KeyValueStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  private live(key: string): { value: string; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const entry = this.live(key);
    const count = entry ? Number(entry.value) + 1 : 1;
    this.entries.set(key, { value: String(count), expiresAt: entry?.expiresAt ?? Date.now() + ttlSeconds * 1000 });
    return count;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.map((key) => this.live(key)?.value ?? null);
  }

  async raise(key: string, atLeast: number, ttlSeconds: number): Promise<number> {
    const value = Math.max(atLeast, Number(this.live(key)?.value ?? 0) + 1);
    this.entries.set(key, { value: String(value), expiresAt: Date.now() + ttlSeconds * 1000 });
    return value;
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

/** max(atLeast, current + 1), kept for ttl: one atomic step, so concurrent writers never lower an epoch. */
const RAISE = `local v = math.max(tonumber(ARGV[1]), tonumber(redis.call('GET', KEYS[1]) or '0') + 1)
redis.call('SET', KEYS[1], string.format('%d', v), 'EX', tonumber(ARGV[2]))
return string.format('%d', v)`;

/**
 * What a caller is told when Redis cannot answer: a retryable `SERVICE_UNAVAILABLE`, never the client library's
 * error (which names addresses). The original error stays attached for the log.
 */
export function storeUnavailable(err: unknown): GraphQLError {
  return new GraphQLError('A shared store cannot be reached right now; try again shortly', {
    originalError: err instanceof Error ? err : undefined,
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
  });
}

export class RedisStore implements KeyValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Every command's failure (connection refused or lost, retries exhausted) becomes `storeUnavailable`. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      throw storeUnavailable(err);
    }
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const k = this.prefix + key;
    const [[, count]] = (await this.run(() => this.redis.multi().incr(k).expire(k, ttlSeconds, 'NX').exec())) as [[null, number]];
    return count;
  }

  async get(key: string): Promise<string | null> {
    return this.run(() => this.redis.get(this.prefix + key));
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.length === 0 ? [] : this.run(() => this.redis.mget(keys.map((k) => this.prefix + k)));
  }

  async raise(key: string, atLeast: number, ttlSeconds: number): Promise<number> {
    const raised = await this.run(() => this.redis.eval(RAISE, 1, this.prefix + key, String(atLeast), String(ttlSeconds)));
    return Number(raised);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return (await this.run(() => this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX'))) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.run(() => this.redis.del(this.prefix + key));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

export function openStore(redisUrl: string | undefined, prefix: string): KeyValueStore {
  if (!redisUrl) return new MemoryStore();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  // a lost connection is reported by the commands that fail (as `storeUnavailable`), not once per reconnection attempt
  redis.on('error', () => undefined);
  return new RedisStore(redis, `etika:${prefix}:`);
}
