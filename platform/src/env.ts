import type { z } from 'zod';
import { parseEnv } from '@etika/kit';
import { gatewayEnvSchema, type GatewayEnv } from '@etika/gateway';
import { SUBGRAPHS } from './registry.ts';

/** `npm start` reads the gateway's settings and every subgraph's own (`CHAIN_ORIGIN`…), each with its default. */
const platformEnvSchema = gatewayEnvSchema.extend(Object.assign({}, ...SUBGRAPHS.map((s) => s.settings.shape)) as z.ZodRawShape);

/** The gateway's settings, typed, and the same parse as the subgraphs' settings, which each subgraph reads again. */
export function loadPlatformEnv(): GatewayEnv & Readonly<Record<string, unknown>> {
  return parseEnv(platformEnvSchema) as GatewayEnv & Readonly<Record<string, unknown>>;
}
