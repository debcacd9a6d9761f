import { closeSubgraphDeps, onShutdown, openSubgraphDeps } from '@etika/kit';
import { loadChainEnv } from './env.ts';
import { CHAIN_MIGRATIONS, buildChainServer } from './server.ts';

const env = loadChainEnv();
const deps = await openSubgraphDeps('chain', env, CHAIN_MIGRATIONS, new Map());
const { server } = await buildChainServer(deps, { origin: env.CHAIN_ORIGIN, checkpointIntervalMs: env.CHECKPOINT_INTERVAL_MS });
deps.logger.info({ url: await server.listen(env.PORT, env.HOST) }, 'chain subgraph listening');
onShutdown(async () => {
  await server.close();
  await closeSubgraphDeps(deps);
}, deps.logger);
