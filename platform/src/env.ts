import { z } from 'zod';
import { parseEnv } from '@etika/kit';
import { gatewayEnvSchema } from '@etika/gateway';
import { SUBGRAPHS } from './registry.ts';

/** `npm start` reads the gateway's settings and every subgraph's own (`CHAIN_ORIGIN`…), each with its default. */
export const platformEnvSchema = gatewayEnvSchema.extend(
  Object.assign({}, ...SUBGRAPHS.map((s) => s.settings.shape)) as z.ZodRawShape,
);

export const loadPlatformEnv = () => parseEnv(platformEnvSchema);
