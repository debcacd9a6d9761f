import { print } from 'graphql';
import { graphql } from '../gql/index.ts';
import { session } from './session.ts';

export const REFRESH = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
    }
  }
`);

let inFlight: Promise<boolean> | null = null;
const LOCK = 'etika.refresh';

/** Runs `work` while no other tab of this site runs it (Web Locks), or directly where the browser has none. */
async function acrossTabs(work: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(LOCK, work) : work();
}

/**
 * Exchanges the refresh token once, however many requests, and however many tabs, ask at the same moment: one tab
 * at a time holds the lock, and a tab that finds the token already exchanged by another takes the access token that
 * exchange produced.
 */
export function refreshSession(): Promise<boolean> {
  inFlight ??= acrossTabs(async () => {
    const refreshToken = session.refreshToken;
    if (!refreshToken) return false;
    const shared = session.rotatedElsewhere();
    if (shared) {
      session.signIn(shared, null);
      return true;
    }
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(REFRESH), variables: { refreshToken } }),
    });
    const body = (await response.json()) as { data?: { refreshSession: { accessToken: string; refreshToken: string | null } } | null };
    if (!body.data?.refreshSession) {
      session.signOut();
      return false;
    }
    session.signIn(body.data.refreshSession.accessToken, body.data.refreshSession.refreshToken);
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
  if (response.status === 401 && session.refreshToken && (await refreshSession())) response = await fetch(input, withToken(init));
  if (response.status === 401) session.signOut();
  return response;
}
