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
 * The session: the access token lives in memory only; the single-use refresh token is kept in localStorage so a
 * reload stays signed in. Components subscribe with `useSession`.
 */
class SessionStore {
  private state: SessionState = { accessToken: null, claims: null };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = () => this.state;

  get refreshToken(): string | null {
    return localStorage.getItem(REFRESH_KEY);
  }

  signIn(accessToken: string, refreshToken: string | null): void {
    if (refreshToken) localStorage.setItem(REFRESH_KEY, refreshToken);
    this.state = { accessToken, claims: decodeClaims(accessToken) };
    if (this.state.claims?.org) localStorage.setItem(LAST_ORGANIZATION_KEY, this.state.claims.org);
    this.listeners.forEach((l) => l());
  }

  signOut(): void {
    localStorage.removeItem(REFRESH_KEY);
    this.state = { accessToken: null, claims: null };
    this.listeners.forEach((l) => l());
  }
}

export const session = new SessionStore();

export function useSession(): SessionState & { can: (scope: Scope) => boolean } {
  const state = useSyncExternalStore(session.subscribe, session.snapshot);
  return { ...state, can: (scope) => state.claims?.scp.includes(scope) ?? false };
}
