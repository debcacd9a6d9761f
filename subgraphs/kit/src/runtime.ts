import { join } from 'node:path';
import { openDatabase, type Database } from './db.ts';
import { loadPlatformKeys, type BaseEnv, type PlatformKeys } from './env.ts';
import { openBus, type EventBus } from './events.ts';
import { createLogger, type Logger } from './logger.ts';
import { migrateSubgraph } from './migrate.ts';
import { openStore, type KeyValueStore } from './store.ts';

/** Where the other services answer; the platform fills it in as they start. */
export type PeerUrls = Map<string, string>;

/** Everything a subgraph's `buildServer` is given: no globals, so tests and the platform build it alike. */
export interface SubgraphDeps {
  readonly database: Database;
  readonly store: KeyValueStore;
  readonly keys: PlatformKeys;
  readonly logger: Logger;
  readonly production: boolean;
  readonly peers: PeerUrls;
  /** The event bus (Redis Streams with REDIS_URL; in-process otherwise, shared by the subgraphs of one process). */
  readonly bus: EventBus;
}

export function peerUrlOrThrow(peers: PeerUrls, name: string): string {
  const url = peers.get(name);
  if (!url) throw new Error(`the ${name} service's address is not known`);
  return url;
}

/** Opens and migrates a subgraph's database (PGlite under DATA_DIR/<name>, or DATABASE_URL) and its store. */
export async function openSubgraphDeps(
  name: string,
  env: BaseEnv,
  migrationsFolder: string,
  peers: PeerUrls,
): Promise<SubgraphDeps> {
  const logger = createLogger(name, env.LOG_LEVEL);
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : join(env.DATA_DIR, name) });
  await migrateSubgraph(database, name, migrationsFolder);
  return {
    database,
    store: openStore(env.REDIS_URL, name),
    keys: await loadPlatformKeys(env),
    logger,
    production: env.NODE_ENV === 'production',
    peers,
    bus: openBus(env.REDIS_URL, logger),
  };
}

export async function closeSubgraphDeps(deps: SubgraphDeps): Promise<void> {
  await deps.bus.close();
  await deps.store.close();
  await deps.database.close();
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
