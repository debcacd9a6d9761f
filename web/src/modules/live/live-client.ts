import type { ApolloClient, TypedDocumentNode } from '@apollo/client';
import { createClient, NetworkError, type Client, type ExecutionResult } from 'graphql-sse';
import { refreshSession } from '../../app/auth-fetch.ts';
import { UNREAD_COUNT } from '../../app/Bell.tsx';
import { liveStatus } from '../../app/live-status.ts';
import { session, type Claims } from '../../app/session.ts';
import { backoffMs, endingCode, nextStep, refreshDelayMs, type Ending } from './live-policy.ts';
import { NOTIFICATION_ADDED, WALLET_CHANGED, registered } from './live.operations.ts';

export const STREAM_URL = '/graphql/stream';

/** The queries that show a wallet or a history: asked again when a transaction moves one of the person's accounts. */
const WALLET_QUERIES = new Set(['Wallet', 'History', 'Ledger', 'MyBalanceHistory']);
const NOTIFICATION_QUERIES = new Set(['Notifications', 'UnreadNotificationCount']);

const refetchActive = (apollo: ApolloClient, names: ReadonlySet<string>) =>
  apollo.refetchQueries({ include: 'active', onQueryUpdated: (query) => (query.queryName !== undefined && names.has(query.queryName) ? query.refetch() : false) }).catch(() => undefined);

function endingOf(err: unknown): Ending {
  return err instanceof NetworkError && err.response ? { status: (err.response as Response).status } : { lost: true };
}

/** One subscription, subscribed again after a backoff (or with a fresh token) for as long as it is wanted. */
class Follow<Data> {
  private dispose: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;
  private wasDown = false;
  private readonly request: { readonly operationName: string; readonly query: string };

  constructor(
    private readonly client: Client,
    document: TypedDocumentNode<Data, Record<string, never>>,
    private readonly onData: (data: Data) => void,
    private readonly onUp: (up: boolean, reconnected: boolean) => void,
  ) {
    this.request = registered(document);
    this.open();
  }

  /** Subscribes again at once (a new access token: the open stream still carries the old one). */
  restart(): void {
    if (this.stopped) return;
    this.close();
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.close();
    this.onUp(false, false);
  }

  private close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dispose?.();
    this.dispose = null;
  }

  private open(): void {
    let ending: Ending | null = null;
    const dispose = this.client.subscribe<Data>(
      { ...this.request },
      {
        next: (result: ExecutionResult<Data>) => {
          const code = endingCode(result);
          if (code) ending = { code };
          else if (result.data) {
            this.attempt = 0;
            this.onData(result.data);
          }
        },
        error: (err) => this.ended(dispose, endingOf(err)),
        complete: () => this.ended(dispose, ending ?? { lost: true }),
      },
      {
        connected: () => {
          this.onUp(true, this.wasDown);
          this.wasDown = false;
        },
      },
    );
    this.dispose = dispose;
  }

  private ended(dispose: () => void, ending: Ending): void {
    if (this.stopped || this.dispose !== dispose) return;
    this.dispose = null;
    this.wasDown = true;
    this.onUp(false, false);
    const step = nextStep(ending);
    if (step === 'stop') return;
    if (step === 'refresh') {
      // a new token restarts every stream (`startLive`); without one the session is over, as for a query's 401
      void refreshSession().then((refreshed) => {
        if (!refreshed && session.snapshot().accessToken) this.later();
      });
      return;
    }
    this.later();
  }

  private later(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped && !this.dispose) this.open();
    }, backoffMs(this.attempt++));
  }
}

/**
 * The live streams of one person in one organisation: notifications always; the wallet with `token:read`, while a
 * page that shows it is open (asked again whenever that stream opens, for what happened while it was closed).
 */
class Connection {
  private readonly client: Client;
  private readonly notifications: Follow<unknown>;
  private wallet: Follow<unknown> | null = null;
  private readonly walletAllowed: boolean;
  private readonly unwatch: () => void;
  private expiry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly apollo: ApolloClient, claims: Claims) {
    this.client = createClient({
      url: STREAM_URL,
      retryAttempts: 0,
      headers: (): Record<string, string> => {
        const token = session.snapshot().accessToken;
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
    const notifications = new Follow(this.client, NOTIFICATION_ADDED, (data) => this.notified(data.notificationAdded.readAt), (up, reconnected) => {
      liveStatus.set(up);
      if (reconnected) void refetchActive(apollo, NOTIFICATION_QUERIES);
    });
    this.notifications = notifications as Follow<unknown>;
    this.walletAllowed = Boolean(claims.org) && claims.scp.includes('token:read');
    this.unwatch = liveStatus.subscribe(() => this.followWallet());
    this.followWallet();
    this.watchExpiry(claims);
  }

  /** A refreshed token for the same person and organisation: every stream again with it. */
  renewed(claims: Claims): void {
    this.watchExpiry(claims);
    this.notifications.restart();
    this.wallet?.restart();
  }

  stop(): void {
    this.unwatch();
    if (this.expiry) clearTimeout(this.expiry);
    this.wallet?.stop();
    this.wallet = null;
    this.notifications.stop();
    this.client.dispose();
  }

  private followWallet(): void {
    const wanted = this.walletAllowed && liveStatus.walletShown;
    if (wanted && !this.wallet) {
      const wallet = new Follow(this.client, WALLET_CHANGED, () => void refetchActive(this.apollo, WALLET_QUERIES), (up) => {
        if (up) void refetchActive(this.apollo, WALLET_QUERIES);
      });
      this.wallet = wallet as Follow<unknown>;
    } else if (!wanted && this.wallet) {
      this.wallet.stop();
      this.wallet = null;
    }
  }

  /** The bell counts a new unread notification at once; the list, when open, shows it. */
  private notified(readAt: string | null): void {
    if (readAt === null) {
      this.apollo.cache.updateQuery({ query: UNREAD_COUNT }, (data) => (data ? { unreadNotificationCount: data.unreadNotificationCount + 1 } : data));
    }
    void refetchActive(this.apollo, new Set(['Notifications']));
  }

  /** Streams are authenticated when they open: the token is refreshed before it expires, which restarts them. */
  private watchExpiry(claims: Claims): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = setTimeout(() => void refreshSession(), refreshDelayMs(claims.exp, Date.now()));
  }
}

/**
 * Follows the signed-in person's live streams over SSE (graphql-sse, distinct connections) with the in-memory
 * access token, until the returned function is called. Signing out stops them; switching organisation (a token for
 * another organisation) stops them and opens the new organisation's; a refreshed token opens them again with it.
 */
export function startLive(apollo: ApolloClient): () => void {
  let current: Connection | null = null;
  let key = '';
  let token: string | null = null;
  const sync = () => {
    const state = session.snapshot();
    const next = state.accessToken && state.claims ? `${state.claims.sub} ${state.claims.org ?? ''}` : '';
    if (next !== key) {
      current?.stop();
      key = next;
      current = next && state.claims ? new Connection(apollo, state.claims) : null;
    } else if (current && state.claims && state.accessToken !== token) {
      current.renewed(state.claims);
    }
    token = state.accessToken;
  };
  const unsubscribe = session.subscribe(sync);
  sync();
  return () => {
    unsubscribe();
    current?.stop();
    current = null;
    liveStatus.set(false);
  };
}
