/** The gateway alone, in front of subgraphs that run elsewhere (docker-compose, Kubernetes). */
import { readFileSync } from 'node:fs';
import { composedSubgraphUrls } from '@etika/schema';
import { Rights, createLogger, keyEnvFor, loadServiceKeys, onShutdown, openBus, openRightsStore, serviceUrlsFromEnv } from '@etika/kit';
import { loadGatewayEnv } from './env.ts';
import { gatewayOptionsFromEnv } from './options-from-env.ts';
import { GATEWAY_KEYS, buildGateway } from './server.ts';
import { subgraphUrlsOf } from './subgraph-urls.ts';

const env = loadGatewayEnv();
const logger = createLogger('gateway', env.LOG_LEVEL);
const supergraphSdl = readFileSync(env.SUPERGRAPH_PATH, 'utf8');
// `<NAME>_URL` (a base URL) moves any subgraph away from the address composed into the supergraph
const subgraphUrls = subgraphUrlsOf(supergraphSdl, serviceUrlsFromEnv(Object.keys(composedSubgraphUrls(supergraphSdl))));
const production = env.NODE_ENV === 'production';
const rightsStore = openRightsStore(env.REDIS_URL);
const rights = new Rights(rightsStore);
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
  ...gatewayOptionsFromEnv(env),
});
logger.info({ url: await gateway.listen(env.PORT, env.HOST) }, 'gateway listening');
onShutdown(async () => {
  await gateway.close();
  await bus?.close();
  await rightsStore.close();
}, logger);
