import { edgeOptionsFromEnv } from './edge/settings.ts';
import { liveSettingsOf, subgraphSettingsOf, type GatewayEnv } from './env.ts';
import type { GatewayOptions } from './server.ts';

/** The settings a gateway reads from its environment, alike for the gateway run alone and for `npm start`. */
export type GatewayEnvOptions = Pick<GatewayOptions, 'subgraphs' | 'engine' | 'live' | 'edge' | 'supergraphPath' | 'drainTimeoutMs'>;

export function gatewayOptionsFromEnv(env: GatewayEnv): GatewayEnvOptions {
  return {
    subgraphs: subgraphSettingsOf(env),
    engine: env.GATEWAY_ENGINE,
    live: liveSettingsOf(env),
    edge: edgeOptionsFromEnv(env),
    supergraphPath: env.SUPERGRAPH_RELOAD ? env.SUPERGRAPH_PATH : undefined,
    drainTimeoutMs: env.DRAIN_TIMEOUT_MS,
  };
}
