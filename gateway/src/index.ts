export { GATEWAY_KEYS, buildGateway, type Gateway, type GatewayOptions } from './server.ts';
export { gatewayEnvSchema, type GatewayEnv } from './env.ts';
export { DEFAULT_SUBGRAPH_SETTINGS, type SubgraphSettings } from './subgraphs/settings.ts';
export type { SubgraphFetchObserver, SubgraphFetchOutcome } from './subgraphs/observer.ts';
export { gatewayOptionsFromEnv, type GatewayEnvOptions } from './options-from-env.ts';
export { runPrimary, type PrimaryOptions } from './cluster/primary.ts';
export { workerMetrics } from './cluster/metrics.ts';
