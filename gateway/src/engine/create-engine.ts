import { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import { composedSubgraphUrls } from '@etika/schema';
import type { SubgraphFetcher } from '../subgraphs/subgraph-fetcher.ts';
import type { EngineName } from './engine.ts';
import { RustPlannerEngine } from './rust-planner.ts';

/** The engine Apollo Server runs, and how a new supergraph reaches it. */
export interface Engine {
  readonly gateway: GatewayInterface;
  /**
   * Makes the engine plan and execute against this supergraph (stripped of the links the gateway enforces itself),
   * whose API schema the gateway has already built; the requests in flight finish as they started. Rejects, changing
   * nothing, when the engine cannot load it.
   */
  reload(supergraphSdl: string, apiSchema: GraphQLSchema): Promise<void>;
}

/** Subgraph name → URL: the supergraph's own, overridden by the gateway's settings. */
const urlsOf = (supergraphSdl: string, overrides: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(composedSubgraphUrls(supergraphSdl)).map(([name, url]) => [name, overrides[name] ?? url]));

export function createEngine(name: EngineName, supergraphSdl: string, apiSchema: GraphQLSchema, fetcher: SubgraphFetcher, subgraphUrls: Readonly<Record<string, string>>): Engine {
  if (name === 'rust') {
    const engine = new RustPlannerEngine(supergraphSdl, apiSchema, fetcher, urlsOf(supergraphSdl, subgraphUrls));
    return { gateway: engine, reload: (sdl, schema) => engine.update(sdl, schema, urlsOf(sdl, subgraphUrls)) };
  }
  let update: ((sdl: string) => void) | null = null;
  const gateway = new ApolloGateway({
    supergraphSdl: async (hooks) => {
      update = hooks.update;
      return { supergraphSdl };
    },
    buildService: ({ name: subgraph, url }) => fetcher.dataSource(subgraph, subgraphUrls[subgraph] ?? url ?? ''),
  });
  // @apollo/gateway swaps its schema and query planner as one; a request keeps the one it started with
  return {
    gateway,
    reload: async (sdl) => {
      if (!update) throw new Error('the gateway has not loaded its first supergraph yet');
      update(sdl);
    },
  };
}
