import { useSyncExternalStore } from 'react';
import type { Scope } from '@etika/schema/permissions';

/** What the SPA reads from an access token; the server checks everything again. */
export interface Claims {
  readonly sub: string;
  readonly org: string | null;
  readonly role: string | null;
  readonly scp: readonly Scope[];
  readonly exp: number;
}

export interface SessionState {
  readonly accessToken: string | null;
  readonly claims: Claims | null;
}

const REFRESH_KEY = 'etika.refreshToken';
const LAST_ORGANIZATION_KEY = 'etika.lastOrganization';
const ROTATED_ACCESS_KEY = 'etika.rotatedAccessToken';
/** An access token shared between tabs is only taken with at least this long to live. */
const MIN_SHARED_LIFE_MS = 30_000;

/** The organisation this device last acted in, so signing in again returns to it. */
export function lastOrganization(): string | null {
  return localStorage.getItem(LAST_ORGANIZATION_KEY);
}

export function decodeClaims(token: string): Claims | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json) as Claims;
  } catch {
    return null;
  }
}

/**
 * The session: the access token lives in memory; the single-use refresh token is kept in localStorage so a reload
 * stays signed in. The tab that exchanges a refresh token also leaves the access token it got beside it, so another
 * tab that finds the refresh token already used takes that access token instead of spending the new refresh token a
 * second time (which would end the session for both). Components subscribe with `useSession`.
 */
class SessionStore {
  private state: SessionState = { accessToken: null, claims: null };
  /** The refresh token this tab last stored or took; another value in storage means another tab refreshed. */
  private seen: string | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = () => this.state;

  get refreshToken(): string | null {
    return localStorage.getItem(REFRESH_KEY);
  }

  /** The access token another tab got with the refresh token now stored, if this tab has not taken it yet. */
  rotatedElsewhere(): string | null {
    const stored = this.refreshToken;
    const access = localStorage.getItem(ROTATED_ACCESS_KEY);
    if (!stored || stored === this.seen || !access) return null;
    const claims = decodeClaims(access);
    if (!claims || claims.exp * 1000 - Date.now() < MIN_SHARED_LIFE_MS) return null;
    this.seen = stored;
    return access;
  }

  signIn(accessToken: string, refreshToken: string | null): void {
    if (refreshToken) {
      localStorage.setItem(REFRESH_KEY, refreshToken);
      localStorage.setItem(ROTATED_ACCESS_KEY, accessToken);
      this.seen = refreshToken;
    }
    this.state = { accessToken, claims: decodeClaims(accessToken) };
    if (this.state.claims?.org) localStorage.setItem(LAST_ORGANIZATION_KEY, this.state.claims.org);
    this.listeners.forEach((l) => l());
  }

  signOut(): void {
    localStorage.removeItem(REFRESH_KEY);
    localStorage.removeItem(ROTATED_ACCESS_KEY);
    this.seen = null;
    this.state = { accessToken: null, claims: null };
    this.listeners.forEach((l) => l());
  }
}

export const session = new SessionStore();

export function useSession(): SessionState & { can: (scope: Scope) => boolean } {
  const state = useSyncExternalStore(session.subscribe, session.snapshot);
  return { ...state, can: (scope) => state.claims?.scp.includes(scope) ?? false };
}
