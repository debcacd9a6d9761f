import { afterEach, describe, expect, it, vi } from 'vitest';
import { authFetch, refreshSession } from './auth-fetch.ts';
import { session } from './session.ts';

const token = (exp: number) => `h.${btoa(JSON.stringify({ sub: 'u', org: 'o', role: 'member', scp: [], exp }))}.s`;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe('authFetch', () => {
  it('refreshes once after a 401 and retries with the new token', async () => {
    session.signIn(token(Math.floor(Date.now() / 1000) + 600), 'etr_old');
    const fresh = token(Math.floor(Date.now() / 1000) + 600);
    const calls: { url: string; auth: string | null; body: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, auth: new Headers(init.headers).get('authorization'), body: String(init.body) });
      if (String(init.body).includes('RefreshSession')) return json(200, { data: { refreshSession: { accessToken: fresh, refreshToken: 'etr_new' } } });
      return calls.length === 1 ? json(401, { errors: [] }) : json(200, { data: {} });
    }));
    const response = await authFetch('/graphql', { method: 'POST', body: '{"query":"{ me { id } }"}' });
    expect(response.status).toBe(200);
    expect(calls.map((c) => c.body.includes('RefreshSession'))).toEqual([false, true, false]);
    expect(calls[2]!.auth).toBe(`Bearer ${fresh}`);
    expect(session.refreshToken).toBe('etr_new');
  });

  it('signs out when the session cannot be refreshed', async () => {
    session.signIn(token(Math.floor(Date.now() / 1000) + 600), 'etr_reused');
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) =>
      String(init.body).includes('RefreshSession') ? json(200, { data: null, errors: [{ message: 'expired', extensions: { code: 'SESSION_EXPIRED' } }] }) : json(401, { errors: [] }),
    ));
    await authFetch('/graphql', { method: 'POST', body: '{}' });
    expect(session.snapshot().accessToken).toBeNull();
    expect(session.refreshToken).toBeNull();
  });
});

describe('refreshing across tabs', () => {
  it('takes the access token another tab got instead of spending the rotated refresh token again', async () => {
    session.signIn(token(Math.floor(Date.now() / 1000) - 10), 'etr_first');
    const otherTab = token(Math.floor(Date.now() / 1000) + 600);
    localStorage.setItem('etika.refreshToken', 'etr_second');
    localStorage.setItem('etika.rotatedAccessToken', otherTab);
    const network = vi.fn(async () => json(200, { data: {} }));
    vi.stubGlobal('fetch', network);
    expect(await refreshSession()).toBe(true);
    expect(network).not.toHaveBeenCalled();
    expect(session.snapshot().accessToken).toBe(otherTab);
    expect(session.refreshToken).toBe('etr_second');
  });

  it('holds a lock across tabs while it exchanges the token, so two tabs never exchange the same one', async () => {
    session.signIn(token(Math.floor(Date.now() / 1000) - 10), 'etr_only');
    const held: string[] = [];
    vi.stubGlobal('navigator', { ...navigator, locks: { request: async (name: string, work: () => Promise<unknown>) => {
      held.push(name);
      return work();
    } } });
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { data: { refreshSession: { accessToken: token(Math.floor(Date.now() / 1000) + 600), refreshToken: 'etr_next' } } })));
    expect(await refreshSession()).toBe(true);
    expect(held).toEqual(['etika.refresh']);
    expect(session.refreshToken).toBe('etr_next');
  });

  it('refreshes itself when the token another tab left is about to expire', async () => {
    session.signIn(token(Math.floor(Date.now() / 1000) - 10), 'etr_a');
    localStorage.setItem('etika.refreshToken', 'etr_b');
    localStorage.setItem('etika.rotatedAccessToken', token(Math.floor(Date.now() / 1000) + 5));
    const fresh = token(Math.floor(Date.now() / 1000) + 600);
    const network = vi.fn(async () => json(200, { data: { refreshSession: { accessToken: fresh, refreshToken: 'etr_c' } } }));
    vi.stubGlobal('fetch', network);
    expect(await refreshSession()).toBe(true);
    expect(network).toHaveBeenCalledOnce();
    expect(session.snapshot().accessToken).toBe(fresh);
  });
});
