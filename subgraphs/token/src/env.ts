import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';

export const tokenEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4003),
  /** The org subgraph, asked whether a recipient is a member. */
  ORG_URL: z.string().url().default('http://127.0.0.1:4002'),
});

export const loadTokenEnv = () => parseEnv(tokenEnvSchema);
