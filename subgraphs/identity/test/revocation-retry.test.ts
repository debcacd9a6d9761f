import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKey, MemoryStore, Rights, type KeyValueStore } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { org } from '@etika/org';
import { identity } from '../src/index.ts';
import { SessionService } from '../src/session/session.service.ts';
import { PASSWORD, principalOf, signUp } from './fixtures.ts';

/** A real in-memory rights store behind a switch: `down` fails every command as an unreachable Redis does. */
class SwitchedStore implements KeyValueStore {
  readonly inner = new MemoryStore();
  down = false;
  private gate<T>(run: () => Promise<T>): Promise<T> {
    return this.down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) : run();
  }
  increment = (key: string, ttl: number) => this.gate(() => this.inner.increment(key, ttl));
  get = (key: string) => this.gate(() => this.inner.get(key));
  getMany = (keys: readonly string[]) => this.gate(() => this.inner.getMany(keys));
  raise = (key: string, atLeast: number, ttl: number) => this.gate(() => this.inner.raise(key, atLeast, ttl));
  setIfAbsent = (key: string, value: string, ttl: number) => this.gate(() => this.inner.setIfAbsent(key, value, ttl));
  delete = (key: string) => this.gate(() => this.inner.delete(key));
  close = () => this.inner.close();
}

let p: SubgraphTest;
beforeAll(async () => {
  // no pass of the running subgraph: the test drives the one of its own sessions
  p = await startSubgraphTest(identity, { peers: [org], settings: { REVOCATION_RETRY_MS: '0' } });
});
afterAll(() => p?.close());

const SIGN_IN = 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken refreshToken } } }';
const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';

describe('a refresh token reused while the rights store is down', () => {
  it('ends the session in the database at once, and its access tokens as soon as the store answers again', async () => {
    const email = `reuse.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const session = dataOrThrow(await p.execute<{ signIn: { session: { accessToken: string; refreshToken: string } } }>(SIGN_IN, { input: { email, password: PASSWORD } })).signIn.session;
    const latest = dataOrThrow(await p.execute<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: session.refreshToken })).refreshSession.refreshToken;
    const principal = await principalOf(p, session.accessToken);
    if (principal.kind !== 'user') throw new Error('an access token is a person\'s');
    const stamp = { userId: principal.userId, sessionId: principal.sessionId, orgId: null, epoch: 0, issuedAt: principal.issuedAt };

    // identity's sessions on the same database, with a rights store that cannot be reached
    const store = new SwitchedStore();
    const rights = new Rights(store, { graceSeconds: 0 });
    await rights.ready(0);
    const noDirectory = { membershipsOf: () => Promise.reject(new Error('a reuse reads no memberships')) };
    const sessions = new SessionService(p.database.db, await importPrivateKey(p.keys['identity']!.privateJwk), noDirectory, rights);
    store.down = true;
    const reuse = await sessions.refresh(session.refreshToken, { address: '127.0.0.1', agent: null }).then(() => null, (e: unknown) => e);
    expect((reuse as { extensions?: { code?: string } }).extensions?.code).toBe('SESSION_EXPIRED');
    // the session is over for identity: its latest refresh token no longer works
    expect((await p.execute(REFRESH, { t: latest })).errors?.[0]?.extensions?.code).toBe('SESSION_EXPIRED');
    // but the access tokens it issued still pass the rights store's check until the revocation reaches it
    const reader = new Rights(store.inner, { graceSeconds: 0 });
    expect(await reader.verdict(stamp)).toBe('current');

    // while the store is still down, a retrying pass writes nothing and keeps the revocation pending
    expect(await sessions.writePendingRevocations()).toBe(0);
    store.down = false;
    expect(await sessions.writePendingRevocations()).toBe(1);
    expect(await reader.verdict(stamp)).toBe('session-revoked');
    // written once: the next pass has nothing left to do
    expect(await sessions.writePendingRevocations()).toBe(0);
  });
});
