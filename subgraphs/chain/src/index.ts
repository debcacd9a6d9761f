import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** The verifiable log of token transactions: Merkle tree, signed checkpoints, proofs. */
export const chain = defineSubgraph({
  name: 'chain',
  port: 4007,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  // signs its checkpoints
  keys: { signs: true, trusts: [] },
  calls: [],
  events: { produces: [EVENT_TYPES.auditRecorded], consumes: [EVENT_TYPES.tokenTransactionCommitted] },
  settings: z.object({
    /** The log's name in its checkpoints (and the signing key's name). */
    CHAIN_ORIGIN: z.string().min(1).default('etika.local/chain'),
    /** How often a checkpoint is signed when the log has grown. */
    CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  }),
  buildSchema: async () => (await import('./schema.ts')).buildChainSchema(),
  buildServer: async (deps, settings) =>
    (await (await import('./server.ts')).buildChainServer(deps, { origin: settings.CHAIN_ORIGIN, checkpointIntervalMs: settings.CHECKPOINT_INTERVAL_MS })).server,
});
