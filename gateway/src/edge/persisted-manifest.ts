/**
 * Writes the web app's trusted documents (`web/persisted-documents.json`) from the documents codegen generated in
 * `web/src/gql`, each exactly as Apollo Client sends it (with the `__typename` fields its cache adds), keyed by
 * the SHA-256 of that text. Run by `npm run codegen` (codegen.ts's hook); a gateway test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addTypenameToDocument, print } from '@apollo/client/utilities';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { sha256Hex, type PersistedManifest } from './persisted-documents.ts';

export const MANIFEST_PATH = fileURLToPath(new URL('../../../web/persisted-documents.json', import.meta.url));

export function manifestOf(documents: readonly DocumentNode[]): PersistedManifest {
  const operations = documents.flatMap((document) => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) return [];
    const body = print(addTypenameToDocument(document));
    return [{ id: sha256Hex(body), name: operation.name.value, type: operation.operation, body }];
  });
  operations.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The manifest of every operation document the web app's codegen output exports. */
export async function webManifest(): Promise<PersistedManifest> {
  const generated = (await import('../../../web/src/gql/graphql.ts')) as Record<string, unknown>;
  const documents = Object.values(generated).filter((v): v is DocumentNode => typeof v === 'object' && v !== null && (v as DocumentNode).kind === Kind.DOCUMENT);
  return manifestOf(documents);
}

export const manifestText = (manifest: PersistedManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(MANIFEST_PATH, manifestText(await webManifest()));
}
