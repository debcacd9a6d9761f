import { createSubgraphServer, startOutboxRelay, type SubgraphDeps, type SubgraphServer, ownKeyOrThrow, trustedKeyOrThrow } from '@etika/kit';
import { EVENT_TYPES } from '@etika/schema';
import type { ChainContext } from './context.ts';
import { appendCommittedTransactions } from './log/log.consumer.ts';
import { LogService } from './log/log.service.ts';
import { buildChainSchema } from './schema.ts';

export interface ChainOptions {
  readonly origin: string;
  readonly checkpointIntervalMs: number;
}

export interface ChainServer {
  readonly server: SubgraphServer<ChainContext>;
}

/**
 * The chain subgraph: appends every committed token transaction to the log (once per event, via the inbox) and
 * signs a checkpoint whenever the log has grown. Its audit records reach the organisation-wide trail through its
 * outbox relay.
 */
export async function buildChainServer(deps: SubgraphDeps, options: ChainOptions = { origin: 'etika.local/chain', checkpointIntervalMs: 5_000 }): Promise<ChainServer> {
  const db = deps.database.db;
  // publishes what the kit's audit plugin records (audit.recorded, chain's outbox) to the bus, as every subgraph does
  const relay = startOutboxRelay({ db, schema: 'chain', bus: deps.bus, logger: deps.logger });
  const log = new LogService(db, options.origin, ownKeyOrThrow(deps.keys));
  deps.bus.subscribe('chain', [EVENT_TYPES.tokenTransactionCommitted], appendCommittedTransactions(db, log, deps.logger));
  const timer = setInterval(() => {
    log.checkpoint().catch((err: unknown) => deps.logger.error({ err }, 'checkpoint failed'));
  }, options.checkpointIntervalMs);
  const server = await createSubgraphServer<ChainContext>({
    name: 'chain',
    schema: await buildChainSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, log }),
    onClose: async () => {
      clearInterval(timer);
      await relay.stop();
    },
  });
  return { server };
}
