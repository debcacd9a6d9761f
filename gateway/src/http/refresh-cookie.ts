import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendGraphQLError, sendJson } from '@etika/kit';

/**
 * The web app's refresh token lives in a cookie script cannot read: HttpOnly, Secure, SameSite=Strict, and scoped
 * to the one route that takes it, so no other request (every GraphQL call included) ever carries it.
 *
 * A client asks for this by sending `x-etika-session: cookie` with signUp, signIn, completeMfaSignIn or
 * refreshSession: the refresh token in the answer then moves into the cookie (the body says null). Other clients
 * are unchanged. Why this route is safe from cross-site requests:
 * - SameSite=Strict: the browser never attaches the cookie to a request started by another site, not even a
 *   top-level navigation;
 * - the route takes only POST with the `x-requested-with` header, which a cross-site form cannot send and which
 *   turns a cross-origin fetch into a CORS preflight that the gateway never approves; an `Origin` other than the
 *   gateway's own is refused as well;
 * - the answer carries only a short-lived access token, which a cross-site page could not read anyway.
 */
export const SESSION_MODE_HEADER = 'x-etika-session';
export const REFRESH_ROUTE = '/auth/refresh';
const COOKIE = 'etika_refresh';
const MAX_AGE_SECONDS = 30 * 24 * 3600;

export function refreshCookie(token: string | null): string {
  const base = `${COOKIE}=${token ?? ''}; Path=${REFRESH_ROUTE}; HttpOnly; Secure; SameSite=Strict`;
  return token ? `${base}; Max-Age=${MAX_AGE_SECONDS}` : `${base}; Max-Age=0`;
}

export function readRefreshCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE && value.length > 0) return value.join('=') || null;
  }
  return null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Moves every `refreshToken` of an answer (at a root field or one level below, as AuthPayload and SignInResult
 * carry it) into the cookie, leaving null in the body; a successful signOut clears the cookie.
 */
export function moveRefreshTokenToCookie(data: Record<string, Json> | null | undefined): string | null {
  if (!data) return null;
  let cookie: string | null = null;
  const visit = (value: Json, depth: number) => {
    if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 2) return;
    if (typeof value['refreshToken'] === 'string') {
      cookie = refreshCookie(value['refreshToken']);
      value['refreshToken'] = null;
    }
    for (const child of Object.values(value)) visit(child, depth + 1);
  };
  for (const [field, value] of Object.entries(data)) {
    if (field === 'signOut' && value === true) cookie = refreshCookie(null);
    else visit(value, 1);
  }
  return cookie;
}

export type Refresh = (refreshToken: string) => Promise<{ accessToken: string; accessTokenExpiresAt: string; refreshToken: string | null } | null>;

/** POST /auth/refresh: the cookie's refresh token for a new access token, and the next refresh token in its place. */
export async function handleRefresh(req: IncomingMessage, res: ServerResponse, refresh: Refresh): Promise<void> {
  if (req.method !== 'POST') return sendGraphQLError(res, 405, 'Use POST', 'METHOD_NOT_ALLOWED');
  const origin = req.headers.origin;
  const host = req.headers.host;
  const foreign = origin !== undefined && (!host || !URL.canParse(origin) || new URL(origin).host !== host);
  if (!req.headers['x-requested-with'] || foreign) {
    return sendGraphQLError(res, 403, 'This route only answers the web app on its own origin', 'FORBIDDEN');
  }
  const token = readRefreshCookie(req.headers.cookie);
  const renewed = token ? await refresh(token) : null;
  if (!renewed) {
    res.setHeader('set-cookie', refreshCookie(null));
    return sendGraphQLError(res, 401, 'Your session has ended; sign in again', 'SESSION_EXPIRED');
  }
  res.setHeader('set-cookie', refreshCookie(renewed.refreshToken ?? token));
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, { accessToken: renewed.accessToken, accessTokenExpiresAt: renewed.accessTokenExpiresAt });
}
