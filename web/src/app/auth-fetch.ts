import { session } from './session.ts';

/** Sign-in mutations sent with this header get their refresh token as an HttpOnly cookie instead of in the body. */
export const COOKIE_SESSION = { headers: { 'x-etika-session': 'cookie' } } as const;

const REFRESH_ROUTE = '/auth/refresh';
const LOCK = 'etika.refresh';
let inFlight: Promise<boolean> | null = null;

/** Runs `work` while no other tab of this site runs it (Web Locks), or directly where the browser has none. */
async function acrossTabs(work: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(LOCK, work) : work();
}

/**
 * Exchanges the refresh cookie once, however many requests ask at the same moment, and one tab at a time: the
 * refresh token is single-use, so two tabs spending the same one would end the session for both. Under the lock,
 * each tab's request carries the cookie the previous exchange left.
 */
export function refreshSession(): Promise<boolean> {
  inFlight ??= acrossTabs(async () => {
    if (!session.hasSession) return false;
    const response = await fetch(REFRESH_ROUTE, { method: 'POST', credentials: 'same-origin', headers: { 'x-requested-with': 'etika' } });
    if (!response.ok) {
      if (response.status === 401 || response.status === 403) session.signOut();
      return false;
    }
    session.signIn(((await response.json()) as { accessToken: string }).accessToken);
    return true;
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const withToken = (init: RequestInit | undefined): RequestInit => {
  const headers = new Headers(init?.headers);
  const token = session.snapshot().accessToken;
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
};

/**
 * fetch for Apollo: refreshes an access token about to expire before sending, and once more after a 401; when
 * the session cannot be refreshed the person is signed out (the router then asks them to sign in again).
 */
export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const claims = session.snapshot().claims;
  if (claims && claims.exp * 1000 - Date.now() < 30_000) await refreshSession();
  let response = await fetch(input, withToken(init));
  if (response.status === 401 && session.hasSession && (await refreshSession())) response = await fetch(input, withToken(init));
  if (response.status === 401) session.signOut();
  return response;
}
