import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  createLogger,
  keyNeedsOf,
  openBus,
  openRightsStore,
  openStore,
  Rights,
  startSubgraph,
  type Database,
  type KeyNeeds,
  type KeyValueStore,
  type ServiceKeys,
  type StartedSubgraph,
} from '@etika/kit';
import { GATEWAY_KEYS, buildGateway, type Gateway, type GatewayEnvOptions, type GatewayOptions } from '@etika/gateway';
import { SUBGRAPHS, type SubgraphName } from './registry.ts';

export interface PlatformOptions {
  /** A service's keys: sliced from generated pairs (tests), or loaded from the environment or development files. */
  readonly keys: (service: string, needs: KeyNeeds) => Promise<ServiceKeys>;
  /**
   * Opens the database of one subgraph (PGlite files, PGlite in memory, or a Postgres URL). Returning the same
   * database for several subgraphs shares it (each keeps its own schema); it is closed once.
   */
  readonly openDatabase: (name: string) => Promise<Database>;
  readonly redisUrl?: string | undefined;
  /** Seconds the rights last read from Redis are served while it cannot be reached (the kit's default otherwise). */
  readonly rightsGraceSeconds?: number;
  /** Prefix for Redis keys, so test runs sharing one Redis never see each other's counters. */
  readonly storeNamespace?: string;
  readonly supergraphPath: string;
  readonly host?: string;
  /** The gateway's port; subgraphs listen on their registry ports, or on free ones when `freePorts` is set. */
  readonly gatewayPort: number;
  readonly freePorts?: boolean;
  /** Subgraph settings by variable name (`CHECKPOINT_INTERVAL_MS`…); each subgraph reads its own, with defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly production?: boolean;
  readonly logLevel?: string;
  readonly rejectUnauthorized?: boolean;
  readonly webDist?: string | undefined;
  /** `Strict-Transport-Security` max-age for the gateway's answers when it is reached over TLS (`HSTS_MAX_AGE`). */
  readonly hstsMaxAgeSeconds?: number;
  /** The gateway's edge: rate limits, demand control, trusted proxies (off when absent). */
  readonly edge?: GatewayOptions['edge'];
  /** The rest of what the gateway reads from its environment (`gatewayOptionsFromEnv`): `npm start` passes it all. */
  readonly gateway?: Partial<GatewayEnvOptions>;
}

export interface Platform {
  readonly gatewayUrl: string;
  /** Where the platform's current rights are kept (what a Redis restart would empty). */
  readonly rightsStore: KeyValueStore;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly databases: Readonly<Record<SubgraphName, Database>>;
  close(): Promise<void>;
}

/**
 * Starts every subgraph of the registry on its own port and the gateway in front of them, with real HTTP between
 * all of them: the embedded default of `npm start`, and what the cross-subgraph tests run against.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const host = options.host ?? '127.0.0.1';
  const level = options.logLevel ?? 'info';
  const production = options.production ?? false;
  const peers = new Map<string, string>();
  const bus = openBus(options.redisUrl, createLogger('bus', level), `etika:${options.storeNamespace ?? ''}`);
  const rightsStore = openRightsStore(options.redisUrl, options.storeNamespace);
  const rights = new Rights(rightsStore, options.rightsGraceSeconds === undefined ? {} : { graceSeconds: options.rightsGraceSeconds });
  await rights.ready();
  const started: { subgraph: StartedSubgraph; database: Database; store: KeyValueStore }[] = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const databases = {} as Record<SubgraphName, Database>;
  const closeStarted = async () => {
    for (const s of started.reverse()) {
      await s.subgraph.close();
      await s.store.close();
    }
    for (const database of new Set(started.map((s) => s.database))) await database.close();
    await bus.close();
    await rightsStore.close();
  };
  // the gateway's port is known before the subgraphs start, so those that call back to it (payment's sandbox
  // webhooks) and those that link to it (notification's mails) are told where it is, unless the settings say
  const gatewayPort = options.gatewayPort === 0 ? await freePort(host) : options.gatewayPort;
  const gatewayUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${gatewayPort}`;
  const settings = { GATEWAY_URL: gatewayUrl, APP_URL: gatewayUrl, ...options.settings };
  let gateway: Gateway;
  try {
    for (const descriptor of SUBGRAPHS) {
      const database = await options.openDatabase(descriptor.name);
      const store = openStore(options.redisUrl, `${options.storeNamespace ?? ''}${descriptor.name}`);
      const keys = await options.keys(descriptor.name, keyNeedsOf(descriptor));
      const deps = { database, store, keys, logger: createLogger(descriptor.name, level), production, peers, bus, rights };
      const subgraph = await startSubgraph(descriptor, deps, settings, { port: options.freePorts ? 0 : descriptor.port, host });
      started.push({ subgraph, database, store });
      subgraphUrls[descriptor.name] = subgraph.url;
      databases[descriptor.name] = database;
    }
    gateway = await buildGateway({
      supergraphSdl: readFileSync(options.supergraphPath, 'utf8'),
      subgraphUrls,
      keys: await options.keys('gateway', GATEWAY_KEYS),
      rights,
      bus,
      logger: createLogger('gateway', level),
      production,
      rejectUnauthorized: options.rejectUnauthorized ?? false,
      webDist: options.webDist,
      hstsMaxAgeSeconds: options.hstsMaxAgeSeconds ?? 0,
      ...options.gateway,
      ...(options.edge ? { edge: options.edge } : {}),
    });
  } catch (err) {
    await closeStarted();
    throw err;
  }
  const listening = await gateway.listen(gatewayPort, host);
  return {
    gatewayUrl: listening,
    rightsStore,
    subgraphUrls,
    databases,
    close: async () => {
      await gateway.close();
      await closeStarted();
    },
  };
}

/**
 * A port nobody listens on now, for a server started a moment later (the gateway, a test's receiver). It is drawn
 * below the kernel's ephemeral range (32768 and up on Linux), so no outgoing connection made meanwhile (a subgraph
 * calling another, a test's client) can be given it before the server binds; a port found busy is skipped.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port, host)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
