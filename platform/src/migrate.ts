/**
 * `npm run migrate [-- --subgraph <name>]`: runs the migrations of every registered subgraph (or one), each in its
 * own schema of `DATABASE_URL` (PGlite under `DATA_DIR/<name>` without it), and exits. What the Kubernetes
 * migration Job runs before a rollout; a subgraph also migrates when it starts, so this changes nothing twice.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baseEnvSchema, migrateSubgraph, openDatabase, parseEnv, type Database, type SubgraphDescriptor } from '@etika/kit';
import { SUBGRAPHS, subgraphOrThrow } from './registry.ts';

/** Migrates each subgraph in its own schema of the database `open` gives it (closed after it by `done`). */
export async function migrateAll(
  subgraphs: readonly SubgraphDescriptor[],
  open: (name: string) => Promise<Database>,
  done: (database: Database) => Promise<void> = (database) => database.close(),
): Promise<string[]> {
  for (const subgraph of subgraphs) {
    const database = await open(subgraph.name);
    try {
      await migrateSubgraph(database, subgraph.name, subgraph.migrations);
    } finally {
      await done(database);
    }
  }
  return subgraphs.map((s) => s.name);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = parseEnv(baseEnvSchema);
  const { values } = parseArgs({ options: { subgraph: { type: 'string' } } });
  const chosen = values.subgraph ? [subgraphOrThrow(values.subgraph)] : [...SUBGRAPHS];
  const done = await migrateAll(chosen, (name) => openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : join(env.DATA_DIR, name), maxConnections: 1 }));
  process.stdout.write(`migrated: ${done.join(', ')}\n`);
}
