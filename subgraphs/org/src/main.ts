import { closeSubgraphDeps, onShutdown, openSubgraphDeps } from '@etika/kit';
import { loadOrgEnv } from './env.ts';
import { ORG_MIGRATIONS, buildOrgServer } from './server.ts';

const env = loadOrgEnv();
const deps = await openSubgraphDeps('org', env, ORG_MIGRATIONS, new Map([['identity', env.IDENTITY_URL]]));
const { server } = await buildOrgServer(deps);
const url = await server.listen(env.PORT, env.HOST);
deps.logger.info({ url }, 'org subgraph listening');
onShutdown(async () => {
  await server.close();
  await closeSubgraphDeps(deps);
}, deps.logger);
