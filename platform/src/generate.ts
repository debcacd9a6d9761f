/**
 * `npm run generate`: writes every file derived from the registry that is not schema (`npm run schema:print` does
 * those): CODEOWNERS, the generated section of each subgraph's README, the Kubernetes manifests under deploy/k8s,
 * the partner SDK's typed documents, the partner API reference (docs/api.md).
 * With --check (`npm test`, CI) it writes nothing and fails naming every committed file that differs from what it
 * would write, and every file under deploy/k8s it would not write.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { apiReference } from './api-reference.ts';
import { kubernetesFiles } from './k8s-files.ts';
import { codeowners, readmeSection, withReadmeSection } from './ownership.ts';
import { SUBGRAPHS } from './registry.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const readOrNull = (path: string) => {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return null;
  }
};

/** Every generated file, by path from the root, with the content it must have. */
export async function generatedFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = { CODEOWNERS: codeowners(SUBGRAPHS) };
  for (const subgraph of SUBGRAPHS) {
    const path = `subgraphs/${subgraph.name}/README.md`;
    files[path] = withReadmeSection(readOrNull(path) ?? `# ${subgraph.name} subgraph\n`, readmeSection(subgraph));
  }
  const version = (JSON.parse(readOrNull('package.json') ?? '{}') as { version?: string }).version ?? '0.0.0';
  for (const [path, content] of Object.entries(kubernetesFiles(SUBGRAPHS, version))) files[`${K8S}/${path}`] = content;
  files[SDK_DOCUMENTS] = await sdkDocuments();
  files['docs/api.md'] = apiReference(readOrNull('schema/supergraph.graphql') ?? '');
  return files;
}

export const SDK_DOCUMENTS = 'sdk/src/generated/graphql.ts';

/** The SDK's typed documents: its operations against the supergraph, as strings (no GraphQL library at run time). */
async function sdkDocuments(): Promise<string> {
  const [output] = (await generate(
    {
      schema: join(ROOT, 'schema/supergraph.graphql'),
      documents: [join(ROOT, 'sdk/src/operations.graphql')],
      silent: true,
      generates: {
        [SDK_DOCUMENTS]: {
          plugins: [{ add: { content: '/* Generated from sdk/src/operations.graphql and schema/supergraph.graphql by `npm run generate`. */' } }, 'typescript-operations', 'typed-document-node'],
          config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, onlyOperationTypes: true, scalars: { DateTimeISO: 'string', SafeInt: 'number' } },
        },
      },
    },
    false,
  )) as { content: string }[];
  return output!.content;
}

const K8S = 'deploy/k8s';

/** Files under deploy/k8s that the generator does not write (a removed service's, say). */
function strayFiles(generated: Readonly<Record<string, string>>): string[] {
  const dir = join(ROOT, K8S);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8', withFileTypes: false })
    .map((entry) => `${K8S}/${entry}`)
    .filter((path) => path.endsWith('.yaml') && !(path in generated));
}

/** The generated files whose committed content differs. */
export async function staleFiles(): Promise<string[]> {
  const files = await generatedFiles();
  const differing = Object.entries(files)
    .filter(([path, content]) => readOrNull(path) !== content)
    .map(([path]) => path);
  return [...differing, ...strayFiles(files)];
}

/** Writes the generated files that differ (only those under the given paths, when any) and removes stray ones. */
export async function writeGeneratedFiles(only: readonly string[] = []): Promise<string[]> {
  const files = await generatedFiles();
  const written: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (readOrNull(path) === content || (only.length && !only.some((prefix) => path.startsWith(prefix)))) continue;
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), content);
    written.push(path);
  }
  if (!only.length || only.some((prefix) => prefix.startsWith(K8S))) for (const stray of strayFiles(files)) rmSync(join(ROOT, stray));
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = await staleFiles();
    if (stale.length) {
      process.stderr.write(`Stale generated files (run npm run generate and commit): ${stale.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write('generated files: up to date\n');
  } else {
    // `npm run generate -- deploy/k8s` writes only what lies under the paths given
    const written = await writeGeneratedFiles(process.argv.slice(2).filter((a) => !a.startsWith('--')));
    process.stdout.write(`generated files: ${written.length ? written.join(', ') : 'already up to date'}\n`);
  }
}
