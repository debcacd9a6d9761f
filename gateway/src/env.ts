import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4000),
  /** Reject a whole operation when any field is unauthorized, instead of answering null for that field. */
  AUTHZ_REJECT_UNAUTHORIZED: flag,
  /** Built web app to serve at `/`; nothing is served there when the folder is missing. */
  WEB_DIST: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  /** Behind TLS: the `Strict-Transport-Security` max-age in seconds (e.g. 31536000); 0 sends no HSTS header. */
  HSTS_MAX_AGE: z.coerce.number().int().min(0).default(0),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (): GatewayEnv => parseEnv(gatewayEnvSchema);
