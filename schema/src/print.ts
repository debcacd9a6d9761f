/**
 * Prints each subgraph's SDL to schema/subgraphs/<name>.graphql and composes schema/supergraph.graphql.
 * With --check it writes nothing and fails when composition fails or a committed file is stale.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { buildIdentitySchema } from '../../subgraphs/identity/src/schema.ts';
import { buildOrgSchema } from '../../subgraphs/org/src/schema.ts';
import { buildTokenSchema } from '../../subgraphs/token/src/schema.ts';
import { buildChainSchema } from '../../subgraphs/chain/src/schema.ts';
import { composeSupergraph } from './compose.ts';
import { SUBGRAPHS } from './subgraphs.ts';

const builders: Record<(typeof SUBGRAPHS)[number]['name'], () => Promise<GraphQLSchema>> = {
  identity: buildIdentitySchema,
  org: buildOrgSchema,
  token: buildTokenSchema,
  chain: buildChainSchema,
};

const check = process.argv.includes('--check');
const root = new URL('../', import.meta.url);
const stale: string[] = [];

function emit(relative: string, content: string): void {
  const path = fileURLToPath(new URL(relative, root));
  let current: string | null = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = null;
  }
  if (current === content) return;
  if (check) stale.push(relative);
  else writeFileSync(path, content);
}

const printed = [];
for (const subgraph of SUBGRAPHS) {
  const sdl = `${printSubgraphSchema(await builders[subgraph.name]())}\n`;
  emit(`subgraphs/${subgraph.name}.graphql`, sdl);
  printed.push({ name: subgraph.name, url: subgraph.defaultUrl, sdl });
}
emit('supergraph.graphql', `${composeSupergraph(printed)}\n`);

if (stale.length > 0) {
  process.stderr.write(`Stale schema files (run npm run schema:print and commit): ${stale.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(check ? 'schema: up to date\n' : 'schema: written\n');
