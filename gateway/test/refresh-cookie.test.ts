import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestPlatform, type TestPlatform } from '@etika/platform/testing';
import { moveRefreshTokenToCookie, readRefreshCookie, refreshCookie } from '../src/http/refresh-cookie.ts';

let p: TestPlatform;
let origin: string;
beforeAll(async () => {
  p = await startTestPlatform();
  origin = new URL(p.gatewayUrl).origin;
});
afterAll(() => p?.close());

const SIGN_UP = 'mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken refreshToken } }';
const SIGN_IN = 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken refreshToken } } }';

async function gql(query: string, variables: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { cookie: r.headers.get('set-cookie'), body: (await r.json()) as { data?: Record<string, Record<string, unknown>> } };
}

const cookieValue = (setCookie: string | null) => readRefreshCookie(setCookie?.split(';')[0]);
const refresh = (cookie: string | null, headers: Record<string, string> = { 'x-requested-with': 'etika' }) =>
  fetch(`${origin}/auth/refresh`, { method: 'POST', headers: { ...(cookie ? { cookie: `etika_refresh=${cookie}` } : {}), ...headers } });

describe('the refresh token in a cookie', () => {
  it('moves the refresh token of a sign-in into an HttpOnly, Secure, SameSite=Strict cookie scoped to the refresh route', async () => {
    const email = `cookie.${Date.now()}@example.com`;
    await gql(SIGN_UP, { input: { email, password: PASSWORD } });
    const signedIn = await gql(SIGN_IN, { input: { email, password: PASSWORD } }, { 'x-etika-session': 'cookie' });
    expect(signedIn.body.data?.['signIn']?.['session']).toMatchObject({ refreshToken: null });
    expect(signedIn.cookie).toMatch(/^etika_refresh=etr_/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth/refresh']) expect(signedIn.cookie).toContain(attribute);
  });

  it('leaves other clients as they were: the refresh token stays in the body', async () => {
    const r = await gql(SIGN_UP, { input: { email: `body.${Date.now()}@example.com`, password: PASSWORD } });
    expect(r.body.data?.['signUp']?.['refreshToken']).toMatch(/^etr_/);
    expect(r.cookie).toBeNull();
  });

  it('exchanges the cookie once for an access token and the next cookie; the spent one ends the session', async () => {
    const r = await gql(SIGN_UP, { input: { email: `rotate.${Date.now()}@example.com`, password: PASSWORD } }, { 'x-etika-session': 'cookie' });
    const first = cookieValue(r.cookie);
    const renewed = await refresh(first);
    expect(renewed.status).toBe(200);
    expect(((await renewed.json()) as { accessToken: string }).accessToken.split('.')).toHaveLength(3);
    const second = cookieValue(renewed.headers.get('set-cookie'));
    expect(second).toMatch(/^etr_/);
    expect(second).not.toBe(first);
    const replayed = await refresh(first);
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await refresh(second)).status).toBe(401);
  });

  it('refuses what a cross-site page could send: no custom header, another origin, GET, no cookie', async () => {
    const r = await gql(SIGN_UP, { input: { email: `csrf.${Date.now()}@example.com`, password: PASSWORD } }, { 'x-etika-session': 'cookie' });
    const cookie = cookieValue(r.cookie);
    expect((await refresh(cookie, {})).status).toBe(403);
    expect((await refresh(cookie, { 'x-requested-with': 'etika', origin: 'https://evil.example' })).status).toBe(403);
    expect((await fetch(`${origin}/auth/refresh`, { headers: { cookie: `etika_refresh=${cookie}`, 'x-requested-with': 'etika' } })).status).toBe(405);
    expect((await refresh(null)).status).toBe(401);
    expect((await refresh(cookie, { 'x-requested-with': 'etika', origin })).status).toBe(200);
  });
});

describe('cookie helpers', () => {
  it('clears the cookie on sign-out and reads only its own cookie', () => {
    expect(moveRefreshTokenToCookie({ signOut: true })).toContain('Max-Age=0');
    expect(moveRefreshTokenToCookie({ signOut: false })).toBeNull();
    expect(moveRefreshTokenToCookie({ me: { id: 'x' } })).toBeNull();
    expect(readRefreshCookie('other=1; etika_refresh=etr_abc; x=2')).toBe('etr_abc');
    expect(readRefreshCookie('etika_refresh=')).toBeNull();
    expect(refreshCookie('etr_x')).toContain('Max-Age=2592000');
  });
});
