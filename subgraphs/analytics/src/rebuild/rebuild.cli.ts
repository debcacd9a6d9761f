/**
 * `npm run analytics:rebuild`: rebuilds the analytics numbers from the producers' events (`rebuildNumbers`), in the
 * database of `DATABASE_URL` (every subgraph's schema), or without it in the platform's embedded database under
 * `DATA_DIR/platform` (stop `npm start` first: that database is one process's). `--data <name>` picks another
 * directory under `DATA_DIR`. Migrates the analytics schema first, prints what it replayed, and exits.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseEnvSchema, createLogger, migrateSubgraph, openDatabase, parseEnv } from '@etika/kit';
import { analytics } from '../index.ts';
import { rebuildNumbers } from './rebuild.ts';

const env = parseEnv(baseEnvSchema);
const { values } = parseArgs({ options: { data: { type: 'string', default: 'platform' } } });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : join(env.DATA_DIR, values.data), maxConnections: 1 });
try {
  await migrateSubgraph(database, 'analytics', analytics.migrations);
  const started = performance.now();
  const report = await rebuildNumbers(database.db, createLogger('analytics-rebuild', env.LOG_LEVEL));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`rebuilt the numbers of ${report.organisations} organisations from ${report.events} events (${report.producers.join(', ')}) in ${seconds} s${report.rejected ? `; ${report.rejected} off their contract skipped` : ''}\n`);
} finally {
  await database.close();
}
