import type { BreakerSettings } from './breaker.ts';

/** How the gateway calls its subgraphs. */
export interface SubgraphSettings {
  /** No answer headers, or no body bytes, for this long and the fetch fails as timed out. */
  readonly timeoutMs: number;
  /** Per subgraph name, replacing `timeoutMs`. */
  readonly timeouts: Readonly<Record<string, number>>;
  /** Extra attempts for a query whose subgraph could not be reached or answered 502/503/504; mutations never retry. */
  readonly retries: number;
  readonly breaker: BreakerSettings;
  /** Identical in-flight queries to a subgraph for the same principal share one fetch. */
  readonly deduplicate: boolean;
}

export const DEFAULT_SUBGRAPH_SETTINGS: SubgraphSettings = {
  timeoutMs: 10_000,
  timeouts: {},
  retries: 2,
  breaker: { failures: 5, cooldownMs: 10_000 },
  deduplicate: true,
};

/** `chain=2000,token=5000` → `{ chain: 2000, token: 5000 }`; throws on anything else. */
export function parseTimeouts(text: string): Record<string, number> {
  const timeouts: Record<string, number> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([A-Za-z_][\w-]*)=(\d+)$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not <subgraph>=<milliseconds>`);
    timeouts[match[1]!] = Number(match[2]);
  }
  return timeouts;
}
