import { closeSubgraphDeps, onShutdown, openSubgraphDeps } from '@etika/kit';
import { loadIdentityEnv } from './env.ts';
import { IDENTITY_MIGRATIONS, buildIdentityServer } from './server.ts';

const env = loadIdentityEnv();
const deps = await openSubgraphDeps('identity', env, IDENTITY_MIGRATIONS, new Map([['org', env.ORG_URL]]));
const { server } = await buildIdentityServer(deps);
const url = await server.listen(env.PORT, env.HOST);
deps.logger.info({ url }, 'identity subgraph listening');
onShutdown(async () => {
  await server.close();
  await closeSubgraphDeps(deps);
}, deps.logger);
