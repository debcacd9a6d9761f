/** `npm start`: every subgraph and the gateway on this machine, embedded stores unless URLs are set. */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, keyEnvFor, loadServiceKeys, onShutdown, openDatabase } from '@etika/kit';
import { gatewayOptionsFromEnv } from '@etika/gateway';
import { loadPlatformEnv } from './env.ts';
import { modeNotice } from './mode.ts';
import { startPlatform } from './platform.ts';
import { DEMO_PASSWORD, DEMO_USERS, isSeeded, seedDemo } from './seed.ts';

const env = loadPlatformEnv();
const production = env.NODE_ENV === 'production';
process.stdout.write(modeNotice(production, join(env.DATA_DIR, 'keys')));
if (!existsSync(join(env.WEB_DIST, 'index.html'))) {
  process.stdout.write('Building the web app once…\n');
  execFileSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
}
const logger = createLogger('platform', env.LOG_LEVEL);
const embedded = env.DATABASE_URL ? null : openDatabase({ dataDir: join(env.DATA_DIR, 'platform') });
const platform = await startPlatform({
  keys: (service, needs) => loadServiceKeys(service, needs, { env: keyEnvFor(service, needs.trusts), dataDir: env.DATA_DIR, production }),
  // embedded: one PGlite for the platform, each subgraph in its own schema; with DATABASE_URL, a pool per subgraph
  openDatabase: () => embedded ?? openDatabase({ url: env.DATABASE_URL }),
  redisUrl: env.REDIS_URL,
  rightsGraceSeconds: env.RIGHTS_GRACE_SECONDS,
  supergraphPath: env.SUPERGRAPH_PATH,
  host: env.HOST,
  gatewayPort: env.PORT,
  settings: env.subgraphSettings,
  production,
  logLevel: env.LOG_LEVEL,
  rejectUnauthorized: env.AUTHZ_REJECT_UNAUTHORIZED,
  webDist: env.WEB_DIST,
  hstsMaxAgeSeconds: env.HSTS_MAX_AGE,
  // the gateway's own settings (engine, subgraph timeouts, rate limits, trusted documents, live streams) as when it runs alone
  gateway: gatewayOptionsFromEnv(env),
});
onShutdown(() => platform.close(), logger);

if (!(await isSeeded(platform.gatewayUrl))) {
  await seedDemo(platform.gatewayUrl);
  logger.info('demo data created');
}
const lines = [
  '',
  `  Etika is running: ${platform.gatewayUrl}`,
  ...Object.entries(platform.subgraphUrls).map(([name, url]) => `    ${name.padEnd(13)} ${url}`),
  '',
  `  Demo sign-in (password "${DEMO_PASSWORD}"):`,
  ...Object.entries(DEMO_USERS).map(([role, email]) => `    ${role.padEnd(8)} ${email}`),
  '',
  '  Ctrl-C stops everything.',
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
