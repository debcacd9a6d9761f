import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';

export const identityEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4001),
  /** The org subgraph, asked for a user's memberships when a token is issued. */
  ORG_URL: z.string().url().default('http://127.0.0.1:4002'),
});

export type IdentityEnv = z.infer<typeof identityEnvSchema>;

export const loadIdentityEnv = (): IdentityEnv => parseEnv(identityEnvSchema);
