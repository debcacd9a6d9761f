import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Token definitions, accounts and the double-entry ledger. */
export const token = defineSubgraph({
  name: 'token',
  port: 4003,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  keys: { signs: false, trusts: [] },
  calls: ['org'],
  events: { produces: [EVENT_TYPES.tokenTransactionCommitted, EVENT_TYPES.tokenPurchaseSettled], consumes: [EVENT_TYPES.paymentSucceeded, EVENT_TYPES.paymentCanceled, EVENT_TYPES.orgMembershipChanged] },
  settings: z.object({}),
  buildSchema: async () => (await import('./schema.ts')).buildTokenSchema(),
  buildServer: async (deps) => (await (await import('./server.ts')).buildTokenServer(deps)).server,
});
