/**
 * `npm run principal -- --subgraph token --role admin --org acme --user admin@alone.etika.dev [--minutes 15] [--seed]`:
 * development only. Mints a principal token with the gateway's development key under `DATA_DIR/keys` and prints
 * a ready `curl` for that subgraph started alone (`npm start -w subgraphs/<name>`); `--seed` first writes the data
 * the subgraph needs to be tried (see `alone.ts`). Refused when `NODE_ENV=production`.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { baseEnvSchema, parseEnv, serviceUrlsFromEnv } from '@etika/kit';
import {
  ALONE_ORGS,
  ALONE_PEOPLE,
  SUBGRAPH_NAMES,
  aloneUrlOf,
  curlCommand,
  firstQueryOf,
  mintDevelopmentPrincipal,
  resolveOrgOrThrow,
  resolveUserOrThrow,
  roleOrThrow,
  seedAlone,
} from './alone.ts';

const env = parseEnv(baseEnvSchema);
const { values } = parseArgs({
  options: {
    subgraph: { type: 'string' },
    role: { type: 'string', default: 'admin' },
    org: { type: 'string', default: 'acme' },
    user: { type: 'string' },
    minutes: { type: 'string', default: '15' },
    seed: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (env.NODE_ENV === 'production') fail('Refused: principal tokens are minted for development only; in production only the gateway signs them.');
if (!values.subgraph || !SUBGRAPH_NAMES.includes(values.subgraph)) fail(`--subgraph must be one of ${SUBGRAPH_NAMES.join(', ')}`);
const subgraph = values.subgraph;
try {
  const role = roleOrThrow(values.role);
  const userId = resolveUserOrThrow(values.user ?? ALONE_PEOPLE[role].email);
  const orgId = resolveOrgOrThrow(values.org);
  // where it runs: `<NAME>_URL` when set, else its registry port
  const base = serviceUrlsFromEnv([subgraph])[subgraph];
  const url = base ? new URL('/graphql', base).href : aloneUrlOf(subgraph);
  const seeded = values.seed
    ? await seedAlone(subgraph, url, env.DATA_DIR).catch((err: unknown) => {
        if (err instanceof TypeError) fail(`Nothing answers at ${url}: start it first (npm start -w subgraphs/${subgraph}), then seed.`);
        throw err;
      })
    : [];
  const minted = await mintDevelopmentPrincipal({ dataDir: env.DATA_DIR, production: false, userId, orgId, role, minutes: Number(values.minutes) });
  const lines = [
    ...(values.seed ? [`Seeded ${subgraph}: ${seeded.length ? seeded.join('; ') : 'nothing beyond the people and organisations below'}`, ''] : []),
    `Principal token for ${subgraph}: ${role} ${userId} in ${orgId}, valid until ${minted.expiresAt.toISOString()}`,
    `(development key of the gateway; people: ${Object.values(ALONE_PEOPLE).map((p) => p.email).join(', ')}; organisations: ${Object.keys(ALONE_ORGS).join(', ')})`,
    '',
    curlCommand(url, minted.token, firstQueryOf(subgraph)),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
