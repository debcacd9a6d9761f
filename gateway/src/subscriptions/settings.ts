/** Live subscriptions over SSE (`/graphql/stream`). */
export interface LiveSettings {
  /** Streams one person (or one partner key) may hold open at once, across their devices; beyond it TOO_MANY_REQUESTS. */
  readonly maxStreamsPerPerson: number;
  /** How often every open stream's rights are checked again, besides each event and each membership change. */
  readonly rightsCheckMs: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = { maxStreamsPerPerson: 5, rightsCheckMs: 5_000 };

/** Where the gateway serves GraphQL over SSE (the graphql-sse protocol). */
export const STREAM_ROUTE = '/graphql/stream';
