import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Each organisation's programme in numbers (rollups of every event) and its organisation-wide audit trail. */
export const analytics = defineSubgraph({
  name: 'analytics',
  port: 4006,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  keys: { signs: false, trusts: [] },
  calls: [],
  events: {
    // every subgraph's audit plugin records audit.recorded, this one's too
    produces: [EVENT_TYPES.auditRecorded],
    consumes: [
      EVENT_TYPES.tokenTransactionCommitted,
      EVENT_TYPES.paymentSucceeded,
      EVENT_TYPES.paymentRefunded,
      EVENT_TYPES.orgMembershipChanged,
      EVENT_TYPES.auditRecorded,
    ],
  },
  settings: z.object({}),
  buildSchema: async () => (await import('./schema.ts')).buildAnalyticsSchema(),
  buildServer: async (deps) => (await import('./server.ts')).buildAnalyticsServer(deps),
});
