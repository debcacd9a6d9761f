import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Organisations (the tenants), memberships, roles and branding. */
export const org = defineSubgraph({
  name: 'org',
  port: 4002,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  // accepts identity's signed calls for a user's memberships
  keys: { signs: false, trusts: ['identity'] },
  calls: ['identity'],
  events: { produces: [], consumes: [] },
  settings: z.object({}),
  buildSchema: async () => (await import('./schema.ts')).buildOrgSchema(),
  buildServer: async (deps) => (await (await import('./server.ts')).buildOrgServer(deps)).server,
});
