import { closeSubgraphDeps, onShutdown, openSubgraphDeps } from '@etika/kit';
import { loadTokenEnv } from './env.ts';
import { TOKEN_MIGRATIONS, buildTokenServer } from './server.ts';

const env = loadTokenEnv();
const deps = await openSubgraphDeps('token', env, TOKEN_MIGRATIONS, new Map([['org', env.ORG_URL]]));
const { server } = await buildTokenServer(deps);
deps.logger.info({ url: await server.listen(env.PORT, env.HOST) }, 'token subgraph listening');
onShutdown(async () => {
  await server.close();
  await closeSubgraphDeps(deps);
}, deps.logger);
