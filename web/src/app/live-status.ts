import { useApolloClient } from '@apollo/client/react';
import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the live stream of notifications is open, so the bell polls only while it is down. The live client
 * itself (`modules/live/`, graphql-sse) is a chunk of its own, loaded after sign-in: the shell loaded before sign-in
 * carries none of it.
 */
class LiveStatus {
  private up = false;
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
}

export const liveStatus = new LiveStatus();

export const useLiveConnected = (): boolean => useSyncExternalStore(liveStatus.subscribe, liveStatus.snapshot);

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
