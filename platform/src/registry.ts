import type { SubgraphDescriptor } from '@etika/kit';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { token } from '@etika/token';
import { chain } from '@etika/chain';
import { notification } from '@etika/notification';
import { payment } from '@etika/payment';
import { analytics } from '@etika/analytics';

/**
 * Every subgraph of the platform, in the order the platform starts them: the one list. Composition, `npm start`,
 * the tests, the benchmark and the vitest projects derive from it; `npm run new:subgraph` adds to it.
 */
export const SUBGRAPHS = [
  identity,
  org,
  token,
  chain,
  notification,
  payment,
  analytics,
] as const satisfies readonly SubgraphDescriptor[];

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function subgraphOrThrow(name: string): SubgraphDescriptor {
  const found = SUBGRAPHS.find((s): s is (typeof SUBGRAPHS)[number] => s.name === name);
  if (!found) throw new Error(`no subgraph named ${name}`);
  return found;
}

/** Every service that signs with a key of its own: the gateway and the subgraphs that declare one. */
export const SIGNING_SERVICES: readonly string[] = ['gateway', ...SUBGRAPHS.filter((s) => s.keys.signs).map((s) => s.name)];

/** The URL a subgraph is composed with: where `npm start` runs it. */
export const defaultSubgraphUrl = (subgraph: SubgraphDescriptor) => `http://127.0.0.1:${subgraph.port}/graphql`;
