/**
 * `npm run schema:print`: prints each registered subgraph's SDL to schema/subgraphs/<name>.graphql and composes
 * schema/supergraph.graphql, then writes what `npm run generate` writes. With --check it writes nothing and fails when composition fails or a committed file
 * is stale, and compares every schema with the base's: an unacknowledged breaking change fails (`schema-check.ts`).
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from './compose.ts';
import { checkAgainstBase } from './schema-base.ts';
import { writeGeneratedFiles } from './generate.ts';
import { SUBGRAPHS, defaultSubgraphUrl } from './registry.ts';

/** Every file the schema package holds that is printed or composed from the registry, by path under schema/. */
export async function printSchemaFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const printed = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = `${printSubgraphSchema(await subgraph.buildSchema())}\n`;
    files[`subgraphs/${subgraph.name}.graphql`] = sdl;
    printed.push({ name: subgraph.name, url: defaultSubgraphUrl(subgraph), sdl });
  }
  files['supergraph.graphql'] = `${composeSupergraph(printed)}\n`;
  return files;
}

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [relative, content] of Object.entries(await printSchemaFiles())) {
    const path = fileURLToPath(new URL(relative, SCHEMA_DIR));
    let current: string | null = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = null;
    }
    if (current === content) continue;
    if (check) stale.push(relative);
    else writeFileSync(path, content);
  }
  if (stale.length > 0) {
    process.stderr.write(`Stale schema files (run npm run schema:print and commit): ${stale.join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'schema: up to date\n' : 'schema: written\n');
  // what derives from the schema and the registry follows it (CODEOWNERS, READMEs, deploy/k8s, the SDK, docs/api.md)
  if (!check) process.stdout.write(`generated: ${(await writeGeneratedFiles()).join(', ') || 'already up to date'}\n`);
  if (check) {
    const printed = await printSchemaFiles();
    const result = await checkAgainstBase(printed);
    process.stdout.write(`${[result.header, ...result.lines].join('\n')}\n`);
    if (result.refused.length > 0) {
      process.stderr.write(`Breaking changes not acknowledged (add each, with its reason, to subgraphs/<name>/schema-changes.json): ${result.refused.join('; ')}\n`);
      process.exit(1);
    }
  }
}
