import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore, Rights, openStore, type KeyValueStore } from '../src/index.ts';
import { testRedisUrl } from '../src/testing/index.ts';

const stores: [string, () => KeyValueStore][] = [['memory', () => new MemoryStore()]];
const redisUrl = testRedisUrl();
if (redisUrl) stores.push(['redis', () => openStore(redisUrl, `test-${randomUUID()}`)]);
const opened: KeyValueStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
});

const now = () => Math.floor(Date.now() / 1000);

describe.each(stores)('rights on the %s store', (_name, open) => {
  const fresh = async () => {
    const store = open();
    opened.push(store);
    const rights = new Rights(store);
    await rights.ready();
    return { store, rights };
  };
  const stamp = (over: Partial<Parameters<Rights['verdict']>[0]> = {}) => ({ userId: randomUUID(), sessionId: randomUUID(), orgId: randomUUID(), epoch: 0, issuedAt: now(), ...over });

  it('accepts a token whose rights have not changed', async () => {
    const { rights } = await fresh();
    expect(await rights.verdict(stamp())).toBe('current');
  });

  it('refuses a token stamped before a membership change, and accepts one stamped after it', async () => {
    const { rights } = await fresh();
    const s = stamp();
    const before = await rights.membershipEpoch(s.userId, s.orgId!);
    await rights.membershipChanged(s.userId, s.orgId!);
    expect(await rights.verdict({ ...s, epoch: before })).toBe('rights-changed');
    const after = await rights.membershipEpoch(s.userId, s.orgId!);
    expect(after).toBeGreaterThan(before);
    expect(await rights.verdict({ ...s, epoch: after })).toBe('current');
    // the change concerns that organisation only
    expect(await rights.verdict({ ...s, orgId: randomUUID(), epoch: before })).toBe('current');
  });

  it('never lowers an epoch, even when a writer comes with an older clock', async () => {
    const { rights } = await fresh();
    const s = stamp();
    await rights.membershipChanged(s.userId, s.orgId!, Date.now() + 60_000);
    const high = await rights.membershipEpoch(s.userId, s.orgId!);
    await rights.membershipChanged(s.userId, s.orgId!, Date.now());
    expect(await rights.membershipEpoch(s.userId, s.orgId!)).toBe(high + 1);
  });

  it('a store that lost its memory lost the epochs too: the epoch reads past all it held, and the next change past that', async () => {
    const store = open();
    opened.push(store);
    const rights = new Rights(store, { graceSeconds: 0 });
    await rights.ready(Date.now() - 3_600_000);
    const s = stamp();
    await rights.membershipChanged(s.userId, s.orgId!);
    // what token learned of this person, under the epoch then
    const learned = await rights.membershipEpoch(s.userId, s.orgId!);
    // the store restarts empty (a Redis without persistence): the change's epoch is gone, its event may be pending
    await store.delete('floor');
    await store.delete(`member:${s.userId}:${s.orgId}`);
    const after = await rights.membershipEpoch(s.userId, s.orgId!);
    expect(after).toBeGreaterThan(learned);
    // a token stamped with that epoch is refused once the membership changes, even within the store's first second
    await rights.membershipChanged(s.userId, s.orgId!, 1);
    expect(await rights.verdict({ ...s, epoch: after, issuedAt: now() + 1 })).toBe('rights-changed');
  });

  it('refuses every token of a revoked session, whatever its rights', async () => {
    const { rights } = await fresh();
    const s = stamp();
    await rights.revokeSessions([s.sessionId]);
    expect(await rights.verdict(s)).toBe('session-revoked');
    expect(await rights.verdict({ ...s, sessionId: randomUUID() })).toBe('current');
  });

  it('fails closed when the store forgets: tokens issued before its new floor are refused', async () => {
    const { store, rights } = await fresh();
    const s = stamp({ issuedAt: now() - 5 });
    await rights.revokeSessions([s.sessionId]);
    // what a Redis restart does: every key gone, the revocation with it
    await store.delete('floor');
    await store.delete(`session:${s.sessionId}`);
    expect(await rights.verdict(s)).toBe('rights-changed');
    expect(await rights.verdict({ ...s, sessionId: randomUUID(), issuedAt: now() })).toBe('current');
  });

  it('throws a retryable SERVICE_UNAVAILABLE when the store cannot answer, so the caller refuses', async () => {
    const { store } = await fresh();
    const broken = new Rights({ ...store, getMany: async () => Promise.reject(new Error('connection refused')) } as KeyValueStore);
    await expect(broken.verdict(stamp())).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 } });
  });
});
