import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore, openStore, throttleOrThrow, resetThrottle } from '../src/index.ts';
import { testRedisUrl } from '../src/testing/index.ts';

const stores = [['memory', new MemoryStore()] as const];
const redisUrl = testRedisUrl();
if (redisUrl) stores.push(['redis', openStore(redisUrl, `test-${randomUUID()}`)] as never);
afterAll(async () => {
  for (const [, store] of stores) await store.close();
});

describe.each(stores)('%s store', (_name, store) => {
  it('counts within a window and forgets after it', async () => {
    const key = randomUUID();
    expect(await store.increment(key, 1)).toBe(1);
    expect(await store.increment(key, 1)).toBe(2);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await store.increment(key, 1)).toBe(1);
  });

  it('setIfAbsent sets once', async () => {
    const key = randomUUID();
    expect(await store.setIfAbsent(key, 'a', 10)).toBe(true);
    expect(await store.setIfAbsent(key, 'b', 10)).toBe(false);
    expect(await store.get(key)).toBe('a');
  });

  it('throttles on any key over its limit, and a reset clears one key', async () => {
    const account = `acct:${randomUUID()}`;
    const address = `addr:${randomUUID()}`;
    const limit = { max: 2, windowSeconds: 60 };
    const keys = [{ key: account, limit }, { key: address, limit: { max: 3, windowSeconds: 60 } }];
    await throttleOrThrow(store, keys);
    await throttleOrThrow(store, keys);
    await expect(throttleOrThrow(store, keys)).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    await resetThrottle(store, account);
    // the account starts afresh, but the address has used its three attempts
    await expect(throttleOrThrow(store, keys)).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
  });
});
