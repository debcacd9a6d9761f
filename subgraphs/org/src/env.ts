import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';

export const orgEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4002),
  /** The identity subgraph, asked who has an email when a member is added. */
  IDENTITY_URL: z.string().url().default('http://127.0.0.1:4001'),
});

export type OrgEnv = z.infer<typeof orgEnvSchema>;

export const loadOrgEnv = (): OrgEnv => parseEnv(orgEnvSchema);
