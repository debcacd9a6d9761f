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

/** Exchanges the refresh token once, however many requests ask at the same moment. */
export function refreshSession(): Promise<boolean> {
  inFlight ??= (async () => {
    const refreshToken = session.refreshToken;
    if (!refreshToken) return false;
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
  })().finally(() => {
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
