import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBase, fileAtBase } from './changes.ts';
import { acknowledgementsPath } from './ownership.ts';
import {
  checkBreakingChanges,
  parseAcknowledgements,
  persistedDocuments,
  webDocuments,
  type Acknowledgement,
  type BreakingCheckReport,
  type ClientDocument,
} from './schema-check.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** codegen's map of the web app's documents. */
export const WEB_DOCUMENTS = 'web/src/gql/gql.ts';
/** Where a persisted-documents manifest lives, once the web app or a partner ships one. */
export const PERSISTED_MANIFEST = 'web/persisted-documents.json';

/** A subgraph's acknowledged breaking changes (none when it has no file). */
export function readAcknowledgements(subgraph: string, root = ROOT): Acknowledgement[] {
  const file = join(root, acknowledgementsPath(subgraph));
  return existsSync(file) ? parseAcknowledgements(readFileSync(file, 'utf8'), acknowledgementsPath(subgraph)) : [];
}

/** The web app's file that defines an operation or fragment, for naming it. */
function sourcesByName(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const dir = join(root, 'web/src');
  if (!existsSync(dir)) return sources;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(tsx?|graphql)$/.test(entry) || entry.startsWith('gql/')) continue;
    const text = readFileSync(join(dir, entry), 'utf8');
    for (const m of text.matchAll(/\b(?:query|mutation|subscription|fragment)\s+([A-Za-z_]\w*)/g)) if (!sources.has(m[1]!)) sources.set(m[1]!, `web/src/${entry}`);
  }
  return sources;
}

/** Every client document the check can know of: the web app's generated ones and the persisted ones. */
export function clientDocuments(root = ROOT): ClientDocument[] {
  const documents: ClientDocument[] = [];
  const web = join(root, WEB_DOCUMENTS);
  if (existsSync(web)) {
    const sources = sourcesByName(root);
    documents.push(...webDocuments(readFileSync(web, 'utf8'), (name) => sources.get(name) ?? WEB_DOCUMENTS));
  }
  const manifest = join(root, PERSISTED_MANIFEST);
  if (existsSync(manifest)) documents.push(...persistedDocuments(readFileSync(manifest, 'utf8'), PERSISTED_MANIFEST));
  return documents;
}

/** `npm run schema:check`'s comparison with the base (see `changes.ts` for which commit that is). */
export async function checkAgainstBase(printed: Readonly<Record<string, string>>): Promise<{ header: string } & BreakingCheckReport> {
  const base = findBase();
  if (!base) return { header: 'schema changes: no base to compare with (a single commit)', lines: [], refused: [] };
  const report = await checkBreakingChanges({
    printed,
    atBase: (relative) => fileAtBase(base, `schema/${relative}`),
    acknowledgements: (subgraph) => readAcknowledgements(subgraph),
    documents: clientDocuments(),
  });
  return { header: `schema changes against ${base.why} (${base.commit.slice(0, 12)}):`, ...report };
}
