/** The gateway alone, in front of subgraphs that run elsewhere (docker-compose, Kubernetes); one process or a cluster. */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { composedSubgraphUrls } from '@etika/schema';
import { Rights, createLogger, keyEnvFor, loadServiceKeys, onShutdown, openBus, openRightsStore, parseEnv, serviceUrlsFromEnv, type Logger } from '@etika/kit';
import { workerMetrics } from './cluster/metrics.ts';
import { runPrimary } from './cluster/primary.ts';
import { CLUSTER_SETTINGS, clusterRefusal, workerCount } from './cluster/settings.ts';
import { gatewayEnvSchema, type GatewayEnv } from './env.ts';
import { gatewayOptionsFromEnv } from './options-from-env.ts';
import { GATEWAY_KEYS, buildGateway } from './server.ts';
import { subgraphUrlsOf } from './subgraph-urls.ts';

const env = parseEnv(gatewayEnvSchema.extend(CLUSTER_SETTINGS));
const logger = createLogger('gateway', env.LOG_LEVEL);
const production = env.NODE_ENV === 'production';
const workers = workerCount(env.GATEWAY_WORKERS, availableParallelism());
const refusal = clusterRefusal(workers, production, env.REDIS_URL);
if (refusal) {
  logger.fatal(refusal);
  process.exit(1);
}

if (workers > 1 && cluster.isPrimary) {
  // a worker's drain is bounded by DRAIN_TIMEOUT_MS; the margin covers closing its stores after it
  runPrimary({ workers, logger, stopTimeoutMs: env.DRAIN_TIMEOUT_MS + 5_000 });
} else {
  await serve(env, cluster.isWorker ? logger.child({ worker: cluster.worker?.id }) : logger);
}

/** One gateway process: alone, or one worker of the cluster (its `/metrics` then answers for all of them). */
async function serve(env: GatewayEnv, logger: Logger): Promise<void> {
  const supergraphSdl = readFileSync(env.SUPERGRAPH_PATH, 'utf8');
  // `<NAME>_URL` (a base URL) moves any subgraph away from the address composed into the supergraph
  const subgraphUrls = subgraphUrlsOf(supergraphSdl, serviceUrlsFromEnv(Object.keys(composedSubgraphUrls(supergraphSdl))));
  const rightsStore = openRightsStore(env.REDIS_URL);
  const rights = new Rights(rightsStore, { graceSeconds: env.RIGHTS_GRACE_SECONDS });
  await rights.ready();
  // live subscriptions follow the subgraphs' events, which reach a gateway of its own only through Redis
  const bus = env.REDIS_URL ? openBus(env.REDIS_URL, logger) : undefined;
  const gateway = await buildGateway({
    supergraphSdl,
    subgraphUrls,
    keys: await loadServiceKeys('gateway', GATEWAY_KEYS, { env: keyEnvFor('gateway', GATEWAY_KEYS.trusts), dataDir: env.DATA_DIR, production }),
    rights,
    logger,
    production,
    rejectUnauthorized: env.AUTHZ_REJECT_UNAUTHORIZED,
    webDist: env.WEB_DIST,
    hstsMaxAgeSeconds: env.HSTS_MAX_AGE,
    bus,
    ...(cluster.isWorker ? { metrics: workerMetrics } : {}),
    ...gatewayOptionsFromEnv(env),
  });
  logger.info({ url: await gateway.listen(env.PORT, env.HOST) }, 'gateway listening');
  onShutdown(async () => {
    await gateway.close();
    await bus?.close();
    await rightsStore.close();
  }, logger);
}
