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
  settings: z.object({
    /**
     * How often the background pass keeps the dashboard's default ranges counted (0: never). Unset: every 3 minutes
     * in production, never otherwise (tests and development ask for it).
     */
    ANALYTICS_WARM_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  }),
  buildSchema: async () => (await import('./schema.ts')).buildAnalyticsSchema(),
  buildServer: async (deps, settings) =>
    (await import('./server.ts')).buildAnalyticsServer(deps, { warmIntervalMs: settings.ANALYTICS_WARM_INTERVAL_MS ?? (deps.production ? 180_000 : 0) }),
});
