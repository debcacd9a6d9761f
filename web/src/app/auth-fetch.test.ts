import { afterEach, describe, expect, it, vi } from 'vitest';
import { authFetch, refreshSession } from './auth-fetch.ts';
import { forgetStoredTokens, session } from './session.ts';

const token = (exp: number) => `h.${btoa(JSON.stringify({ sub: 'u', org: 'o', role: 'member', scp: [], exp }))}.s`;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const inTen = () => Math.floor(Date.now() / 1000) + 600;

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe('authFetch', () => {
  it('refreshes once after a 401 through the cookie route and retries with the new token', async () => {
    session.signIn(token(inTen()));
    const fresh = token(inTen());
    const calls: { url: string; auth: string | null; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, auth: new Headers(init.headers).get('authorization'), init });
      if (url === '/auth/refresh') return json(200, { accessToken: fresh });
      return calls.length === 1 ? json(401, { errors: [] }) : json(200, { data: {} });
    }));
    const response = await authFetch('/graphql', { method: 'POST', body: '{"query":"{ me { id } }"}' });
    expect(response.status).toBe(200);
    expect(calls.map((c) => c.url)).toEqual(['/graphql', '/auth/refresh', '/graphql']);
    expect(calls[1]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(new Headers(calls[1]!.init.headers).get('x-requested-with')).toBe('etika');
    expect(calls[2]!.auth).toBe(`Bearer ${fresh}`);
  });

  it('signs out when the session cannot be refreshed', async () => {
    session.signIn(token(inTen()));
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { errors: [{ message: 'ended', extensions: { code: 'SESSION_EXPIRED' } }] })));
    await authFetch('/graphql', { method: 'POST', body: '{}' });
    expect(session.snapshot().accessToken).toBeNull();
    expect(session.hasSession).toBe(false);
  });

  it('keeps no token where page script could read it later: only the fact that there is a session', () => {
    session.signIn(token(inTen()));
    const stored = Object.keys(localStorage).map((k) => localStorage.getItem(k) ?? '');
    expect(stored.some((v) => v.includes('.') || v.startsWith('etr_'))).toBe(false);
    expect(session.hasSession).toBe(true);
  });
});

describe('refreshing across tabs', () => {
  it('holds a lock shared by the tabs while it exchanges the cookie, and asks once for many callers', async () => {
    session.signIn(token(Math.floor(Date.now() / 1000) - 10));
    const held: string[] = [];
    vi.stubGlobal('navigator', { ...navigator, locks: { request: async (name: string, work: () => Promise<unknown>) => {
      held.push(name);
      return work();
    } } });
    const network = vi.fn(async () => json(200, { accessToken: token(inTen()) }));
    vi.stubGlobal('fetch', network);
    expect(await Promise.all([refreshSession(), refreshSession(), refreshSession()])).toEqual([true, true, true]);
    expect(held).toEqual(['etika.refresh']);
    expect(network).toHaveBeenCalledOnce();
  });

  it('does not call the refresh route for a visitor who never signed in', async () => {
    const network = vi.fn(async () => json(401, {}));
    vi.stubGlobal('fetch', network);
    expect(await refreshSession()).toBe(false);
    expect(network).not.toHaveBeenCalled();
  });
});

describe('tokens left by earlier versions', () => {
  it('are removed from localStorage at start', () => {
    localStorage.setItem('etika.refreshToken', 'etr_old');
    localStorage.setItem('etika.rotatedAccessToken', 'h.x.s');
    forgetStoredTokens();
    expect(localStorage.getItem('etika.refreshToken')).toBeNull();
    expect(localStorage.getItem('etika.rotatedAccessToken')).toBeNull();
  });
});
