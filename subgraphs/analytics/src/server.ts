import { createSubgraphServer, trustedKeyOrThrow, type SubgraphDeps, type SubgraphServer } from '@etika/kit';
import { AuditService } from './audit/audit.service.ts';
import type { AnalyticsContext } from './context.ts';
import { CONSUMED_EVENTS, analyticsHandler } from './ingest/ingest.consumer.ts';
import { buildAnalyticsSchema } from './schema.ts';
import { SeriesService } from './series/series.service.ts';
import { PostgresAnalyticsStore } from './store/postgres.store.ts';

/** Builds the analytics subgraph without listening: it consumes the platform's events into its rollups and trail. */
export async function buildAnalyticsServer(deps: SubgraphDeps): Promise<SubgraphServer<AnalyticsContext>> {
  const db = deps.database.db;
  const store = new PostgresAnalyticsStore(db);
  deps.bus.subscribe('analytics', CONSUMED_EVENTS, analyticsHandler(db, store, deps.logger));
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
  });
}
