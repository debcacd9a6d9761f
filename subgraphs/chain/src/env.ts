import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';

export const chainEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4007),
  /** The log's name in its checkpoints (and the signing key's name). */
  CHAIN_ORIGIN: z.string().min(1).default('etika.local/chain'),
  /** How often a checkpoint is signed when the log has grown. */
  CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
});

export const loadChainEnv = () => parseEnv(chainEnvSchema);
