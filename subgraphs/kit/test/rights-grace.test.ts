import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MemoryStore, Rights, type KeyValueStore, type RightsStamp } from '../src/index.ts';

/**
 * A real in-memory store behind a switch: `down` makes every command fail as a Redis that cannot be reached does,
 * `hung` makes every command wait forever, as one behind a partition does.
 */
class SwitchedStore implements KeyValueStore {
  readonly inner = new MemoryStore();
  state: 'up' | 'down' | 'hung' = 'up';

  private async gate<T>(run: () => Promise<T>): Promise<T> {
    if (this.state === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    if (this.state === 'hung') return new Promise<T>(() => undefined);
    return run();
  }

  increment = (key: string, ttl: number) => this.gate(() => this.inner.increment(key, ttl));
  get = (key: string) => this.gate(() => this.inner.get(key));
  getMany = (keys: readonly string[]) => this.gate(() => this.inner.getMany(keys));
  raise = (key: string, atLeast: number, ttl: number) => this.gate(() => this.inner.raise(key, atLeast, ttl));
  setIfAbsent = (key: string, value: string, ttl: number) => this.gate(() => this.inner.setIfAbsent(key, value, ttl));
  delete = (key: string) => this.gate(() => this.inner.delete(key));
  close = () => this.inner.close();
}

async function setUp(graceSeconds?: number) {
  let clock = 1_000_000_000_000;
  const store = new SwitchedStore();
  const rights = new Rights(store, { graceSeconds, readTimeoutMs: 50, now: () => clock });
  await rights.ready(0);
  // another process sharing the store (identity revoking, org changing a role), with no memory of its own
  const other = new Rights(store.inner, { graceSeconds: 0 });
  const stamp: RightsStamp = { userId: randomUUID(), sessionId: randomUUID(), orgId: randomUUID(), epoch: 0, issuedAt: Math.floor(Date.now() / 1000) };
  return { store, rights, other, stamp, advance: (ms: number) => (clock += ms) };
}

/** What a caller is refused with: a retryable SERVICE_UNAVAILABLE, never the store's own error. */
async function unavailable(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(GraphQLError);
  expect((err as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
  expect((err as GraphQLError).message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
}

describe('rights while the store cannot be reached', () => {
  it('serves what it last read for the grace (30 s by default), then refuses', async () => {
    const { store, rights, stamp, advance } = await setUp();
    expect(await rights.verdict(stamp)).toBe('current');
    store.state = 'down';
    advance(29_000);
    expect(await rights.verdict(stamp)).toBe('current');
    expect(rights.unreachableSince).not.toBeNull();
    advance(2_000);
    await unavailable(rights.verdict(stamp));
  });

  it('refuses at once a token whose rights it never read', async () => {
    const { store, rights, stamp } = await setUp();
    expect(await rights.verdict(stamp)).toBe('current');
    store.state = 'down';
    await unavailable(rights.verdict({ ...stamp, sessionId: randomUUID() }));
    await unavailable(rights.verdict({ ...stamp, orgId: randomUUID() }));
    await unavailable(rights.membershipEpoch(randomUUID(), stamp.orgId!));
  });

  it('keeps refusing what was revoked or changed before the outage', async () => {
    const { store, rights, other, stamp } = await setUp();
    const changed = { ...stamp, sessionId: randomUUID() };
    await other.revokeSessions([stamp.sessionId]);
    await other.membershipChanged(changed.userId, changed.orgId!);
    expect(await rights.verdict(stamp)).toBe('session-revoked');
    expect(await rights.verdict(changed)).toBe('rights-changed');
    store.state = 'down';
    expect(await rights.verdict(stamp)).toBe('session-revoked');
    expect(await rights.verdict(changed)).toBe('rights-changed');
  });

  it('serves a membership epoch it read within the grace (who may receive tokens)', async () => {
    const { store, rights, other, stamp, advance } = await setUp();
    await other.membershipChanged(stamp.userId, stamp.orgId!);
    const epoch = await rights.membershipEpoch(stamp.userId, stamp.orgId!);
    expect(epoch).toBeGreaterThan(0);
    store.state = 'down';
    advance(10_000);
    expect(await rights.membershipEpoch(stamp.userId, stamp.orgId!)).toBe(epoch);
    advance(21_000);
    await unavailable(rights.membershipEpoch(stamp.userId, stamp.orgId!));
  });

  it('refuses to revoke or change while down (the caller gets an error), and then refuses the tokens concerned', async () => {
    const { store, rights, stamp } = await setUp();
    const member = { ...stamp, sessionId: randomUUID() };
    expect(await rights.verdict(stamp)).toBe('current');
    expect(await rights.verdict(member)).toBe('current');
    store.state = 'down';
    await unavailable(rights.revokeSessions([stamp.sessionId]));
    await unavailable(rights.membershipChanged(member.userId, member.orgId!));
    // within the grace, yet this process no longer serves what it knew before the failed write
    await unavailable(rights.verdict(stamp));
    await unavailable(rights.verdict(member));
    store.state = 'up';
    // nothing was written: the revoking service must try again once the store is back
    expect(await rights.verdict(stamp)).toBe('current');
  });

  it('reads the store again once it is back, and sees what changed meanwhile', async () => {
    const { store, rights, other, stamp } = await setUp();
    expect(await rights.verdict(stamp)).toBe('current');
    store.state = 'down';
    expect(await rights.verdict(stamp)).toBe('current');
    store.state = 'up';
    await other.revokeSessions([stamp.sessionId]);
    // the first request after the return may still be served from memory while one read notices the store is back
    await rights.verdict(stamp);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rights.unreachableSince).toBeNull();
    expect(await rights.verdict(stamp)).toBe('session-revoked');
  });

  it('does not wait on a store that never answers: the grace answers after the read timeout, the rest is refused', async () => {
    const { store, rights, stamp } = await setUp();
    expect(await rights.verdict(stamp)).toBe('current');
    store.state = 'hung';
    const started = Date.now();
    expect(await rights.verdict(stamp)).toBe('current');
    expect(await rights.verdict(stamp)).toBe('current');
    await unavailable(rights.verdict({ ...stamp, sessionId: randomUUID() }));
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('with no grace, fails closed at once as before', async () => {
    const { store, rights, stamp } = await setUp(0);
    expect(await rights.verdict(stamp)).toBe('current');
    store.state = 'down';
    await unavailable(rights.verdict(stamp));
  });
});
