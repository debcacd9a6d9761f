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

const SIGNED_IN_KEY = 'etika.signedIn';
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
 * The session: the access token lives in memory only. The refresh token is in an HttpOnly cookie that page script
 * never sees (the gateway sets it on sign-in and on each refresh); localStorage only remembers that this device has
 * a session, so a visitor who never signed in is not sent to the refresh route. Components subscribe with
 * `useSession`.
 */
class SessionStore {
  private state: SessionState = { accessToken: null, claims: null };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = () => this.state;

  /** Whether this device holds a refresh cookie worth trying. */
  get hasSession(): boolean {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  }

  signIn(accessToken: string): void {
    localStorage.setItem(SIGNED_IN_KEY, '1');
    this.state = { accessToken, claims: decodeClaims(accessToken) };
    if (this.state.claims?.org) localStorage.setItem(LAST_ORGANIZATION_KEY, this.state.claims.org);
    this.listeners.forEach((l) => l());
  }

  signOut(): void {
    localStorage.removeItem(SIGNED_IN_KEY);
    this.state = { accessToken: null, claims: null };
    this.listeners.forEach((l) => l());
  }
}

export const session = new SessionStore();

/** Tokens earlier versions of the app kept in localStorage, where page script could read them: gone at start. */
export function forgetStoredTokens(): void {
  for (const key of ['etika.refreshToken', 'etika.rotatedAccessToken']) localStorage.removeItem(key);
}

export function useSession(): SessionState & { can: (scope: Scope) => boolean } {
  const state = useSyncExternalStore(session.subscribe, session.snapshot);
  return { ...state, can: (scope) => state.claims?.scp.includes(scope) ?? false };
}
