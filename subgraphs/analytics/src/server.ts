import { EVENT_TYPES, type EventEnvelope } from '@etika/schema/events';
import { createSubgraphServer, thenAfter, trustedKeyOrThrow, type SubgraphDeps, type SubgraphServer } from '@etika/kit';
import { AuditService } from './audit/audit.service.ts';
import type { AnalyticsContext } from './context.ts';
import { CONSUMED_EVENTS, analyticsHandler } from './ingest/ingest.consumer.ts';
import { buildAnalyticsSchema } from './schema.ts';
import { SeriesService } from './series/series.service.ts';
import { PostgresAnalyticsStore } from './store/postgres.store.ts';
import { DashboardWarmer } from './warm/warm.ts';

export interface AnalyticsOptions {
  /** The dashboard warm pass's interval (0: off, and no pass after bursts of events either). */
  readonly warmIntervalMs?: number;
}

/** The tokens a consumed event moved, for the warm pass. */
function tokensOf(payload: unknown): string[] {
  const postings = (payload as { postings?: { tokenId?: unknown }[] } | null)?.postings;
  return Array.isArray(postings) ? [...new Set(postings.map((p) => p.tokenId).filter((t): t is string => typeof t === 'string'))] : [];
}

/** Builds the analytics subgraph without listening: it consumes the platform's events into its rollups and trail. */
export async function buildAnalyticsServer(deps: SubgraphDeps, options: AnalyticsOptions = {}): Promise<SubgraphServer<AnalyticsContext>> {
  const db = deps.database.db;
  const store = new PostgresAnalyticsStore(db);
  const handler = analyticsHandler(db, store, deps.logger);
  const every = options.warmIntervalMs ?? 0;
  // a burst is warmed 10 s after its last event, or sooner where passes are asked more often than that
  const warmer = every > 0 ? new DashboardWarmer(db, deps.logger, { everyMs: every, burstDelayMs: Math.min(10_000, every) }).start() : null;
  const touch = (event: EventEnvelope) => {
    if (warmer && event.orgId && event.type === EVENT_TYPES.tokenTransactionCommitted) {
      for (const tokenId of tokensOf(event.payload)) warmer.touch(event.orgId, tokenId);
    }
  };
  deps.bus.subscribe('analytics', CONSUMED_EVENTS, thenAfter(handler, (events) => events.forEach(touch)));
  const series = new SeriesService(store);
  const audit = new AuditService(store);
  return createSubgraphServer<AnalyticsContext>({
    name: 'analytics',
    schema: await buildAnalyticsSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, series, audit }),
    onClose: async () => {
      await warmer?.close();
    },
  });
}
