/** The gateway alone, in front of subgraphs that run elsewhere (docker-compose, Kubernetes). */
import { readFileSync } from 'node:fs';
import { createLogger, loadPlatformKeys, onShutdown } from '@etika/kit';
import { SUBGRAPHS } from '@etika/schema';
import { loadGatewayEnv } from './env.ts';
import { buildGateway } from './server.ts';

const env = loadGatewayEnv();
const logger = createLogger('gateway', env.LOG_LEVEL);
const overrides: Record<string, string | undefined> = { identity: env.IDENTITY_URL, org: env.ORG_URL, token: env.TOKEN_URL, chain: env.CHAIN_URL };
const subgraphUrls = Object.fromEntries(
  SUBGRAPHS.map((s) => [s.name, overrides[s.name] ? new URL('/graphql', overrides[s.name]).toString() : s.defaultUrl]),
);
const gateway = await buildGateway({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls,
  keys: await loadPlatformKeys(env),
  logger,
  production: env.NODE_ENV === 'production',
  rejectUnauthorized: env.AUTHZ_REJECT_UNAUTHORIZED,
  webDist: env.WEB_DIST,
});
logger.info({ url: await gateway.listen(env.PORT, env.HOST) }, 'gateway listening');
onShutdown(() => gateway.close(), logger);
