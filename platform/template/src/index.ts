import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineSubgraph } from '@etika/kit/descriptor';

/** __Name__: items that belong to an organisation. */
export const __camel__ = defineSubgraph({
  name: '__name__',
  port: __port__,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  keys: { signs: false, trusts: [] },
  calls: [],
  events: { produces: [], consumes: [] },
  settings: z.object({}),
  buildSchema: async () => (await import('./schema.ts')).build__Name__Schema(),
  buildServer: async (deps) => (await import('./server.ts')).build__Name__Server(deps),
});
