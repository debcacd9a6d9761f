import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Users, credentials, sessions, MFA and partner API keys. */
export const identity = defineSubgraph({
  name: 'identity',
  port: 4001,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  // signs access tokens and its calls to org
  keys: { signs: true, trusts: [] },
  calls: ['org'],
  events: { produces: [], consumes: [] },
  settings: z.object({}),
  buildSchema: async () => (await import('./schema.ts')).buildIdentitySchema(),
  buildServer: async (deps) => (await (await import('./server.ts')).buildIdentityServer(deps)).server,
});
