import { readFileSync } from 'node:fs';
import { buildIdentityServer, IDENTITY_MIGRATIONS } from '@etika/identity/server';
import { buildOrgServer, ORG_MIGRATIONS } from '@etika/org/server';
import { buildTokenServer, TOKEN_MIGRATIONS } from '@etika/token/server';
import { buildChainServer, CHAIN_MIGRATIONS } from '@etika/chain/server';
import {
  createLogger,
  migrateSubgraph,
  openBus,
  openStore,
  type Database,
  type KeyValueStore,
  type PlatformKeys,
  type SubgraphDeps,
  type SubgraphServer,
  type AuditContext,
} from '@etika/kit';
import { buildGateway, type Gateway } from '../server.ts';

/** Every subgraph the platform runs: how to migrate it and build it. */
const SUBGRAPHS = [
  { name: 'identity', migrations: IDENTITY_MIGRATIONS, build: async (deps: SubgraphDeps) => (await buildIdentityServer(deps)).server },
  { name: 'org', migrations: ORG_MIGRATIONS, build: async (deps: SubgraphDeps) => (await buildOrgServer(deps)).server },
  { name: 'token', migrations: TOKEN_MIGRATIONS, build: async (deps: SubgraphDeps) => (await buildTokenServer(deps)).server },
  {
    name: 'chain',
    migrations: CHAIN_MIGRATIONS,
    build: async (deps: SubgraphDeps, o: PlatformOptions) => (await buildChainServer(deps, { origin: o.chainOrigin ?? 'etika.local/chain', checkpointIntervalMs: o.checkpointIntervalMs ?? 5_000 })).server,
  },
] as const;

export type PlatformSubgraph = (typeof SUBGRAPHS)[number]['name'];

export interface PlatformOptions {
  readonly keys: PlatformKeys;
  /**
   * Opens the database of one subgraph (PGlite files, PGlite in memory, or a Postgres URL). Returning the same
   * database for several subgraphs shares it (each keeps its own schema); it is closed once.
   */
  readonly openDatabase: (name: PlatformSubgraph) => Promise<Database>;
  readonly redisUrl?: string | undefined;
  /** Prefix for Redis keys, so test runs sharing one Redis never see each other's counters. */
  readonly storeNamespace?: string;
  readonly supergraphPath: string;
  readonly host?: string;
  /** Port per subgraph and for the gateway; 0 picks a free one. */
  readonly ports: Readonly<Record<PlatformSubgraph | 'gateway', number>>;
  readonly production?: boolean;
  readonly logLevel?: string;
  readonly rejectUnauthorized?: boolean;
  readonly webDist?: string | undefined;
  readonly chainOrigin?: string;
  readonly checkpointIntervalMs?: number;
}

export interface Platform {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<PlatformSubgraph, string>>;
  readonly databases: Readonly<Record<PlatformSubgraph, Database>>;
  close(): Promise<void>;
}

/**
 * Starts every subgraph on its own port and the gateway in front of them, with real HTTP between all of them:
 * the embedded default of `npm start`, and what the cross-subgraph tests run against.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const host = options.host ?? '127.0.0.1';
  const level = options.logLevel ?? 'info';
  const production = options.production ?? false;
  const peers = new Map<string, string>();
  const bus = openBus(options.redisUrl, createLogger('bus', level), `etika:${options.storeNamespace ?? ''}`);
  const started: { name: PlatformSubgraph; server: SubgraphServer<AuditContext>; database: Database; store: KeyValueStore }[] = [];
  const subgraphUrls = {} as Record<PlatformSubgraph, string>;
  const databases = {} as Record<PlatformSubgraph, Database>;
  for (const subgraph of SUBGRAPHS) {
    const database = await options.openDatabase(subgraph.name);
    await migrateSubgraph(database, subgraph.name, subgraph.migrations);
    const store = openStore(options.redisUrl, `${options.storeNamespace ?? ''}${subgraph.name}`);
    const deps: SubgraphDeps = { database, store, keys: options.keys, logger: createLogger(subgraph.name, level), production, peers, bus };
    const server = (await subgraph.build(deps, options)) as unknown as SubgraphServer<AuditContext>;
    const url = await server.listen(options.ports[subgraph.name], host);
    peers.set(subgraph.name, new URL(url).origin);
    subgraphUrls[subgraph.name] = url;
    databases[subgraph.name] = database;
    started.push({ name: subgraph.name, server, database, store });
  }
  let gateway: Gateway;
  try {
    gateway = await buildGateway({
      supergraphSdl: readFileSync(options.supergraphPath, 'utf8'),
      subgraphUrls,
      keys: options.keys,
      logger: createLogger('gateway', level),
      production,
      rejectUnauthorized: options.rejectUnauthorized ?? false,
      webDist: options.webDist,
    });
  } catch (err) {
    for (const s of started) await s.server.close();
    for (const database of new Set(started.map((s) => s.database))) await database.close();
    throw err;
  }
  const gatewayUrl = await gateway.listen(options.ports.gateway, host);
  return {
    gatewayUrl,
    subgraphUrls,
    databases,
    close: async () => {
      await gateway.close();
      for (const s of started.reverse()) {
        await s.server.close();
        await s.store.close();
      }
      for (const database of new Set(started.map((s) => s.database))) await database.close();
      await bus.close();
    },
  };
}
