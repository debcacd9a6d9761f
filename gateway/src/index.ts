export { GATEWAY_KEYS, buildGateway, type Gateway, type GatewayOptions } from './server.ts';
export { gatewayEnvSchema, type GatewayEnv } from './env.ts';
