import type { GraphQLSchema } from 'graphql';
import type { z } from 'zod';
import type { EventType } from '@etika/schema';
import type { KeyNeeds } from './keys.ts';
import type { SubgraphDeps } from './runtime.ts';
import type { InProcessExecutor } from './server.ts';

/** What the platform needs of a built subgraph: to listen and to stop; tests also call it in-process. */
export interface RunnableServer {
  /** Listens on the port (0 = any free one) and resolves to the URL of its GraphQL endpoint. */
  listen(port: number, host?: string): Promise<string>;
  /** Every server the kit builds has one (`createSubgraphServer`); `@etika/kit/testing` runs operations through it. */
  readonly execute?: InProcessExecutor;
  close(): Promise<void>;
}

/**
 * Everything the platform knows of one subgraph. Each subgraph package exports one, and the platform's registry
 * lists them: composition, `npm start`, the gateway's URL overrides, the tests and the benchmark all derive from it.
 * The builders load the subgraph's code on first use, so reading the registry costs nothing.
 */
export interface SubgraphDescriptor<S extends z.ZodObject = z.ZodObject, N extends string = string> {
  /** The subgraph's name: its Postgres schema, its graph in the supergraph, its `<NAME>_URL`. */
  readonly name: N;
  /** Where it listens by default (`npm start`, the composed supergraph's URL). */
  readonly port: number;
  /** Its drizzle migrations folder. */
  readonly migrations: string;
  /** Whether it signs with a key of its own, and whose signatures it accepts besides the gateway's. */
  readonly keys: KeyNeeds;
  /** The services whose internal routes it calls. */
  readonly calls: readonly string[];
  readonly events: { readonly produces: readonly EventType[]; readonly consumes: readonly EventType[] };
  /** Its own settings, read from the environment by name with their defaults. */
  readonly settings: S;
  buildSchema(): Promise<GraphQLSchema>;
  buildServer(deps: SubgraphDeps, settings: z.infer<S>): Promise<RunnableServer>;
}

export function defineSubgraph<S extends z.ZodObject, const N extends string>(descriptor: SubgraphDescriptor<S, N>): SubgraphDescriptor<S, N> {
  return descriptor;
}

/** The keys a subgraph needs: its own, and every subgraph verifies the gateway's principal tokens. */
export function keyNeedsOf(descriptor: Pick<SubgraphDescriptor, 'keys'>): KeyNeeds {
  return { signs: descriptor.keys.signs, trusts: ['gateway', ...descriptor.keys.trusts.filter((s) => s !== 'gateway')] };
}
