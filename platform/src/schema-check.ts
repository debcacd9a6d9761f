import { Supergraph } from '@apollo/federation-internals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  parse,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { z } from 'zod';

/**
 * The breaking-change check of `npm run schema:check`: each subgraph's SDL and the supergraph's API schema compared
 * with the base's (`@graphql-inspector/core`). A breaking change fails unless the subgraph's team acknowledged it,
 * with the reason, in `subgraphs/<name>/schema-changes.json`; dangerous changes are listed; for each, the client
 * documents that use what changes are named.
 */

/** A subgraph's printed SDL as the federated schema it serves (`_entities`, `_service` and the directives included). */
export const subgraphSchema = (sdl: string): GraphQLSchema => buildSubgraphSchema({ typeDefs: parse(sdl) });

/** The supergraph as clients see it: its API schema, without join or link machinery. */
export const supergraphApiSchema = (sdl: string): GraphQLSchema =>
  Supergraph.build(sdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();

export interface SchemaChange {
  readonly type: string;
  /** Schema coordinate (`Type`, `Type.field`, `Type.field.argument`), when the change has one. */
  readonly path: string;
  readonly message: string;
  readonly level: 'breaking' | 'dangerous' | 'safe';
}

const LEVELS: Record<CriticalityLevel, SchemaChange['level']> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/**
 * Federation's machinery in a subgraph's SDL (the directive definitions `@link` imports, the `@link` itself) changes
 * with the composition version, not with anything a client sees; what uses those directives is still compared.
 */
const isMachinery = (c: Change) => Boolean(c.path && (c.path.startsWith('@') || c.path.startsWith('.@link')));

const ACCESS = /\.@(requiresScopes|authenticated)(\.|$)/;

/**
 * Asking for more access (a new `@requiresScopes` or `@authenticated`, or other scopes) on what clients already read
 * takes it away from those without it: breaking, though graphql-inspector calls it dangerous. On what this change
 * adds, nobody used it yet.
 */
function accessNarrowed(change: Change, added: ReadonlySet<string>): boolean {
  if (!change.path || !ACCESS.test(change.path) || String(change.type).endsWith('_REMOVED')) return false;
  const guarded = change.path.slice(0, change.path.indexOf('.@'));
  const [typeName] = guarded.split('.');
  return !added.has(guarded) && !added.has(typeName ?? '');
}

export async function compareSchemas(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes: Change[] = (await diff(before, after)).filter((c) => !isMachinery(c));
  const added = new Set(changes.filter((c) => /^(FIELD|TYPE)_ADDED$/.test(String(c.type)) && c.path).map((c) => c.path!));
  return changes.map((c) => {
    const narrowed = c.criticality.level !== CriticalityLevel.Breaking && accessNarrowed(c, added);
    return {
      type: String(c.type),
      path: c.path ?? '',
      message: narrowed ? `${c.message}: clients without that access lose what it guards` : c.message,
      level: narrowed ? 'breaking' : LEVELS[c.criticality.level],
    };
  });
}

const acknowledgementsSchema = z.object({
  acknowledged: z.array(
    z.object({
      type: z.string().min(1),
      path: z.string(),
      reason: z.string().trim().min(10, 'say why the change is safe for its clients (10 characters at least)'),
    }),
  ),
});
export type Acknowledgement = z.infer<typeof acknowledgementsSchema>['acknowledged'][number];

/** A subgraph's acknowledgements file, read strictly: an entry without a reason is a problem, not an acknowledgement. */
export function parseAcknowledgements(json: string, file: string): Acknowledgement[] {
  const parsed = acknowledgementsSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.acknowledged;
}

export const isAcknowledged = (change: SchemaChange, acks: readonly Acknowledgement[]) => acks.some((a) => a.type === change.type && a.path === change.path);

/** A client document: an operation (or fragment) by name, and where it comes from. */
export interface ClientDocument {
  readonly name: string;
  readonly source: string;
  readonly document: DocumentNode;
}

/** Every schema coordinate a document touches in `schema`: types, fields, arguments, enum values. */
export function coordinatesUsed(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Field() {
        const parent = info.getParentType();
        const field = info.getFieldDef();
        if (!parent || !field) return;
        used.add(parent.name).add(`${parent.name}.${field.name}`);
        used.add(getNamedType(field.type).name);
      },
      Argument(node) {
        const parent = info.getParentType();
        const field = info.getFieldDef();
        if (parent && field) used.add(`${parent.name}.${field.name}.${node.name.value}`);
        const argument = info.getArgument();
        if (argument) used.add(getNamedType(argument.type).name);
      },
      VariableDefinition(node) {
        let type = node.type;
        while (type.kind !== Kind.NAMED_TYPE) type = type.type;
        used.add(type.name.value);
      },
      ObjectField(node) {
        const input = info.getParentInputType();
        const named = input ? getNamedType(input) : null;
        if (named && isInputObjectType(named)) used.add(`${named.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const named = info.getInputType() ? getNamedType(info.getInputType()!) : null;
        if (named && isEnumType(named)) used.add(`${named.name}.${node.value}`);
      },
      NamedType(node) {
        used.add(node.name.value);
      },
    }),
  );
  return used;
}

/**
 * Whether a document uses what a change touches. An input field or enum value is counted used wherever its type
 * is, since variables (and answers) may carry it without the document naming it.
 */
export function usesChange(schema: GraphQLSchema, used: ReadonlySet<string>, change: SchemaChange): boolean {
  if (!change.path) return false;
  if (used.has(change.path)) return true;
  const [typeName] = change.path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  return Boolean(type && (isInputObjectType(type) || isEnumType(type)) && used.has(type.name));
}

/** The documents using a change, by name and source, against the schema the documents were written for. */
export function documentsUsing(before: GraphQLSchema, documents: readonly ClientDocument[], change: SchemaChange): string[] {
  return documents.filter((d) => usesChange(before, coordinatesUsed(before, d.document), change)).map((d) => `${d.name} (${d.source})`);
}

/** The web app's documents from codegen's map (`web/src/gql/gql.ts`): each key is a document's source text. */
export function webDocuments(gqlTs: string, source: (name: string) => string): ClientDocument[] {
  const found: ClientDocument[] = [];
  for (const match of gqlTs.matchAll(/^\s+("(?:[^"\\]|\\.)*"): typeof types\.\w+,$/gm)) {
    const document = parse(JSON.parse(match[1]!) as string);
    for (const definition of document.definitions) {
      if ((definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) && definition.name) {
        found.push({ name: definition.name.value, source: source(definition.name.value), document });
      }
    }
  }
  return found;
}

/**
 * Persisted documents from a manifest: Apollo's (`{ format: "apollo-persisted-query-manifest", operations: [{ id,
 * name, body }] }`) or a plain map of id to document.
 */
export function persistedDocuments(manifest: string, file: string): ClientDocument[] {
  const json = JSON.parse(manifest) as { operations?: { id: string; name?: string; body: string }[] } | Record<string, string>;
  const entries = Array.isArray(json['operations'])
    ? (json['operations'] as { id: string; name?: string; body: string }[]).map((o) => [o.name ?? o.id, o.body] as const)
    : Object.entries(json as Record<string, string>);
  return entries.map(([name, body]) => ({ name, source: file, document: parse(body) }));
}

export interface BreakingCheckInput {
  /** The schema files as printed now, by path under `schema/` (`subgraphs/<name>.graphql`, `supergraph.graphql`). */
  readonly printed: Readonly<Record<string, string>>;
  /** The same file at the base, or null where it did not exist. */
  readonly atBase: (relative: string) => string | null;
  readonly acknowledgements: (subgraph: string) => readonly Acknowledgement[];
  /** The clients' documents: the web app's and the persisted ones. */
  readonly documents: readonly ClientDocument[];
}

export interface BreakingCheckReport {
  readonly lines: string[];
  /** Breaking changes nobody acknowledged, by schema and change. */
  readonly refused: string[];
}

/** Compares every printed schema with the base's and says what breaks, what is dangerous, and who uses it. */
export async function checkBreakingChanges(input: BreakingCheckInput): Promise<BreakingCheckReport> {
  const lines: string[] = [];
  const refused: string[] = [];
  const names = Object.keys(input.printed).flatMap((p) => /^subgraphs\/(.+)\.graphql$/.exec(p)?.[1] ?? []);
  const allAcks = names.flatMap((n) => input.acknowledgements(n));
  const baseSupergraph = input.atBase('supergraph.graphql');
  let clientSchema: GraphQLSchema | null = null;
  try {
    clientSchema = baseSupergraph ? supergraphApiSchema(baseSupergraph) : null;
  } catch {
    clientSchema = null;
  }
  const targets = [
    ...names.map((name) => ({ label: name, path: `subgraphs/${name}.graphql`, build: subgraphSchema, acks: input.acknowledgements(name) })),
    { label: 'supergraph', path: 'supergraph.graphql', build: supergraphApiSchema, acks: allAcks },
  ];
  for (const target of targets) {
    const before = input.atBase(target.path);
    const after = input.printed[target.path];
    if (after === undefined) continue;
    if (before === null) {
      lines.push(`  ${target.label}: new, nothing to compare`);
      continue;
    }
    let changes: SchemaChange[];
    try {
      changes = await compareSchemas(target.build(before), target.build(after));
    } catch (err) {
      lines.push(`  ${target.label}: the base's schema does not build (${err instanceof Error ? err.message.split('\n')[0] : String(err)}), not compared`);
      continue;
    }
    const breaking = changes.filter((c) => c.level === 'breaking');
    const dangerous = changes.filter((c) => c.level === 'dangerous');
    const acknowledged = breaking.filter((c) => isAcknowledged(c, target.acks));
    lines.push(`  ${target.label}: ${breaking.length} breaking (${acknowledged.length} acknowledged), ${dangerous.length} dangerous, ${changes.length - breaking.length - dangerous.length} safe`);
    for (const change of [...breaking, ...dangerous]) {
      const ack = change.level === 'breaking' ? target.acks.find((a) => a.type === change.type && a.path === change.path) : undefined;
      const verdict = change.level === 'dangerous' ? 'DANGEROUS' : ack ? 'BREAKING, acknowledged' : 'BREAKING';
      lines.push(`    ${verdict} ${change.type} ${change.path}: ${change.message}${ack ? ` (reason: ${ack.reason})` : ''}`);
      const users = clientSchema ? documentsUsing(clientSchema, input.documents, change) : [];
      if (users.length) lines.push(`      used by ${users.join(', ')}`);
      if (change.level === 'breaking' && !ack) refused.push(`${target.label}: ${change.type} ${change.path}`);
    }
  }
  return { lines, refused };
}
