/**
 * `npm run generate`: writes every file derived from the registry that is not schema (`npm run schema:print` does
 * those): CODEOWNERS, the generated section of each subgraph's README. With --check (`npm test`, CI) it writes
 * nothing and fails naming every committed file that differs from what it would write.
 */
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  return files;
}

/** The generated files whose committed content differs. */
export async function staleFiles(): Promise<string[]> {
  const files = await generatedFiles();
  return Object.entries(files)
    .filter(([path, content]) => readOrNull(path) !== content)
    .map(([path]) => path);
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
    for (const [path, content] of Object.entries(await generatedFiles())) {
      if (readOrNull(path) === content) continue;
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), content);
    }
    process.stdout.write('generated files: written\n');
  }
}
