import type { GraphQLSchema } from 'graphql';
import type { z } from 'zod';
import type { EventType } from '@etika/schema';
import type { Database } from './db.ts';
import type { EventBus } from './events.ts';
import type { KeyNeeds, ServiceKeys } from './keys.ts';
import type { Logger } from './logger.ts';
import type { Rights } from './rights.ts';
import type { KeyValueStore } from './store.ts';
import type { InProcessExecutor } from './server.ts';

/** Where the other services answer (base URLs by name); the platform fills it in as they start. */
export type PeerUrls = Map<string, string>;

/** Everything a subgraph's `buildServer` is given: no globals, so tests and the platform build it alike. */
export interface SubgraphDeps {
  readonly database: Database;
  readonly store: KeyValueStore;
  readonly keys: ServiceKeys;
  readonly logger: Logger;
  readonly production: boolean;
  readonly peers: PeerUrls;
  /** The event bus (Redis Streams with REDIS_URL; in-process otherwise, shared by the subgraphs of one process). */
  readonly bus: EventBus;
  /** The platform's current rights, shared with the gateway (Redis with REDIS_URL; in-process otherwise). */
  readonly rights: Rights;
}

export function peerUrlOrThrow(peers: PeerUrls, name: string): string {
  const url = peers.get(name);
  if (!url) throw new Error(`the ${name} service's address is not known`);
  return url;
}

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
