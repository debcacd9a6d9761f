import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4000),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url))),
  /** Reject a whole operation when any field is unauthorized, instead of answering null for that field. */
  AUTHZ_REJECT_UNAUTHORIZED: flag,
  /** Subgraph addresses, overriding the ones composed into the supergraph (`<NAME>_URL`, base URL). */
  IDENTITY_URL: z.string().url().optional(),
  ORG_URL: z.string().url().optional(),
  TOKEN_URL: z.string().url().optional(),
  CHAIN_URL: z.string().url().optional(),
  /** Built web app to serve at `/`; nothing is served there when the folder is missing. */
  WEB_DIST: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (): GatewayEnv => parseEnv(gatewayEnvSchema);
