import { useApolloClient } from '@apollo/client/react';
import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the live stream of notifications is open, so the bell polls only while it is down. The live client
 * itself (`modules/live/`, graphql-sse) is a chunk of its own, loaded after sign-in: the shell loaded before sign-in
 * carries none of it.
 */
class LiveStatus {
  private up = false;
  private walletPages = 0;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = () => this.up;

  set(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.listeners.forEach((l) => l());
  }

  /** Whether a page that shows a wallet or a history is open: the wallet's stream is held only meanwhile. */
  get walletShown(): boolean {
    return this.walletPages > 0;
  }

  /** A page that shows a wallet is open, until the returned function is called. */
  showWallet(): () => void {
    this.walletPages++;
    this.listeners.forEach((l) => l());
    return () => {
      this.walletPages--;
      this.listeners.forEach((l) => l());
    };
  }
}

export const liveStatus = new LiveStatus();

export const useLiveConnected = (): boolean => useSyncExternalStore(liveStatus.subscribe, liveStatus.snapshot);

/**
 * For the pages that show a wallet or a history: they follow `walletChanged` while open, so a tab holds one stream
 * (notifications) elsewhere, and browsers keep only six connections to a host over HTTP/1.1.
 */
export function useLiveWallet(): void {
  useEffect(() => liveStatus.showWallet(), []);
}

/** Follows the signed-in person's live streams while the component is mounted (the shell, once signed in). */
export function useLive(): void {
  const client = useApolloClient();
  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    void import('../modules/live/live-client.ts').then((live) => {
      if (!gone) stop = live.startLive(client);
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, [client]);
}
