import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { composedSubgraphUrls } from '@etika/schema';
import { openDatabase } from './db.ts';
import { keyNeedsOf, type PeerUrls, type RunnableServer, type SubgraphDeps, type SubgraphDescriptor } from './descriptor.ts';
import { loadSubgraphEnv } from './env.ts';
import { openBus } from './events.ts';
import { loadServiceKeys } from './keys.ts';
import { createLogger, type Logger } from './logger.ts';
import { migrateSubgraph } from './migrate.ts';
import { Rights } from './rights.ts';
import { openStore, type KeyValueStore } from './store.ts';

/** The store behind `Rights`: one namespace shared by the gateway and every subgraph. */
export function openRightsStore(redisUrl: string | undefined, namespace = ''): KeyValueStore {
  return openStore(redisUrl, `${namespace}rights`);
}

export interface StartedSubgraph {
  readonly name: string;
  /** Its GraphQL endpoint. */
  readonly url: string;
  readonly server: RunnableServer;
  /** Stops the subgraph; what it was given (database, store, bus) stays open for whoever opened it. */
  close(): Promise<void>;
}

/**
 * Starts one subgraph: migrates its schema, builds it from its descriptor and listens. The one way a subgraph
 * starts, alone (`runSubgraph`) and inside the platform.
 */
export async function startSubgraph<D extends SubgraphDescriptor>(
  descriptor: D,
  deps: SubgraphDeps,
  settings: Readonly<Record<string, unknown>>,
  listen: { readonly port: number; readonly host: string },
): Promise<StartedSubgraph> {
  await migrateSubgraph(deps.database, descriptor.name, descriptor.migrations);
  const server = await descriptor.buildServer(deps, descriptor.settings.parse(settings));
  const url = await server.listen(listen.port, listen.host);
  deps.peers.set(descriptor.name, new URL(url).origin);
  return { name: descriptor.name, url, server, close: () => server.close() };
}

/**
 * `npm start -w subgraphs/<name>`: one subgraph alone, configured from the environment. Its database is PGlite
 * under `DATA_DIR/<name>` unless `DATABASE_URL` is set; the services it calls are where the composed supergraph
 * says unless `<NAME>_URL` says otherwise.
 */
export async function runSubgraph(descriptor: SubgraphDescriptor): Promise<void> {
  const env = loadSubgraphEnv(descriptor);
  const logger = createLogger(descriptor.name, env.base.LOG_LEVEL);
  const composed = composedSubgraphUrls(readFileSync(env.base.SUPERGRAPH_PATH, 'utf8'));
  const peers: PeerUrls = new Map(descriptor.calls.map((name) => [name, env.peers[name] ?? originOrThrow(composed, name)]));
  const production = env.base.NODE_ENV === 'production';
  const database = await openDatabase({ url: env.base.DATABASE_URL, dataDir: env.base.DATABASE_URL ? undefined : join(env.base.DATA_DIR, descriptor.name) });
  const store = openStore(env.base.REDIS_URL, descriptor.name);
  const bus = openBus(env.base.REDIS_URL, logger);
  const rightsStore = openRightsStore(env.base.REDIS_URL);
  const rights = new Rights(rightsStore, { graceSeconds: env.base.RIGHTS_GRACE_SECONDS });
  await rights.ready();
  const keys = await loadServiceKeys(descriptor.name, keyNeedsOf(descriptor), { env: env.keys, dataDir: env.base.DATA_DIR, production });
  const started = await startSubgraph(descriptor, { database, store, keys, logger, production, peers, bus, rights }, env.settings, { port: env.port, host: env.base.HOST });
  logger.info({ url: started.url }, `${descriptor.name} subgraph listening`);
  onShutdown(async () => {
    await started.close();
    await bus.close();
    await rightsStore.close();
    await store.close();
    await database.close();
  }, logger);
}

function originOrThrow(urls: Readonly<Record<string, string>>, name: string): string {
  const url = urls[name];
  if (!url) throw new Error(`the supergraph has no subgraph named ${name}`);
  return new URL(url).origin;
}

/** Stops cleanly on Ctrl-C or SIGTERM, once. */
export function onShutdown(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
