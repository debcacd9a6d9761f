import type { BreakerState } from './breaker.ts';

/** One attempt to fetch from a subgraph, or one refused at once because its circuit is open. */
export interface SubgraphFetchOutcome {
  readonly subgraph: string;
  /** Wall time of the attempt, 0 when the circuit refused it. */
  readonly durationMs: number;
  readonly ok: boolean;
  /** Why it failed: no answer in time, no connection, an HTTP error status, an unreadable body, or an open circuit. */
  readonly error: 'timeout' | 'network' | 'http' | 'body' | 'circuit-open' | null;
  /** The HTTP status, when there was an answer. */
  readonly status: number | null;
  /** 0 for the first attempt, 1.. for retries. */
  readonly attempt: number;
  /** The subgraph's circuit after this attempt. */
  readonly breaker: BreakerState;
}

/** Subscribes to every subgraph fetch the gateway makes (metrics, logs); called synchronously, must not throw. */
export interface SubgraphFetchObserver {
  onSubgraphFetch(outcome: SubgraphFetchOutcome): void;
}
