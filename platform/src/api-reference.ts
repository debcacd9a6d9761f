import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { PARTNER_GRANTABLE } from '@etika/schema';

/**
 * The partner API reference (`docs/api.md`), generated from the composed supergraph: the operations an
 * organisation's API key can call, with the scopes each needs, and every type they reach. `npm run generate`
 * writes it, `npm test` fails when it is stale.
 */

/** Root fields a partner can call that no scope guards: reading the organisation, verifying the public log. */
export const PARTNER_PUBLIC: readonly string[] = ['Query.organization', 'Query.latestCheckpoint', 'Query.checkpoints', 'Query.consistencyProof', 'Query.chainPublicKey'];
/**
 * Fields whose scopes a key may hold but that answer only people (a wallet, a person's own history); root fields
 * named `my…` are people's by convention and need no entry.
 */
export const PEOPLE_ONLY: readonly string[] = ['Mutation.transferTokens', 'Mutation.redeemTokens', 'User.wallet', 'User.memberships', 'User.email', 'User.mfaEnabled'];
const peopleOnly = (coordinate: string) => PEOPLE_ONLY.includes(coordinate) || /^(Query|Mutation)\.my[A-Z]/.test(coordinate);

const directive = (node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string) => node.directives?.filter((d) => d.name.value === name) ?? [];

/** `@requiresScopes(scopes: [[…]])` as lists (outer OR, inner AND), or null when the element has none. */
function scopesOf(node: { directives?: readonly ConstDirectiveNode[] | undefined }): string[][] | null {
  const [found] = directive(node, 'requiresScopes');
  const value = found?.arguments?.find((a) => a.name.value === 'scopes')?.value;
  if (!value || value.kind !== Kind.LIST) return null;
  return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []));
}

const grantable = new Set<string>(PARTNER_GRANTABLE);
/** A key can be given what one of the alternatives asks for. */
export const partnerMaySatisfy = (scopes: string[][] | null) => scopes === null || scopes.some((all) => all.every((s) => grantable.has(s)));

/** The subgraphs (join graphs) that define an element: a field's own `@join__field`, else its type's `@join__type`. */
function graphsOf(node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: 'join__field' | 'join__type'): string[] {
  return directive(node, name).flatMap((d) => {
    const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
    return graph?.kind === Kind.ENUM ? [graph.value.toLowerCase()] : [];
  });
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
const typeText = (type: TypeNode): string => print(type);
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

export interface PartnerSurface {
  readonly operations: FieldDefinitionNode[];
  readonly mutations: FieldDefinitionNode[];
  /** Every type an operation reaches, by name. */
  readonly types: Map<string, TypeDefinitionNode>;
  /** The fields of object types a partner can read, by type name. */
  readonly fields: Map<string, FieldDefinitionNode[]>;
}

type Described = ObjectTypeDefinitionNode | InputObjectTypeDefinitionNode | EnumTypeDefinitionNode;

/** What a partner's key reaches: root fields it may call, then every type and field reachable from them. */
export function partnerSurface(document: DocumentNode): PartnerSurface {
  const definitions = new Map<string, TypeDefinitionNode>();
  for (const d of document.definitions) if ('name' in d && d.name && d.kind !== Kind.DIRECTIVE_DEFINITION) definitions.set(d.name.value, d as TypeDefinitionNode);
  const root = (name: string) => (definitions.get(name) as ObjectTypeDefinitionNode | undefined)?.fields ?? [];
  const callable = (type: string) => (f: FieldDefinitionNode) => {
    const coordinate = `${type}.${f.name.value}`;
    if (peopleOnly(coordinate)) return false;
    const scopes = scopesOf(f);
    return PARTNER_PUBLIC.includes(coordinate) || (scopes !== null && partnerMaySatisfy(scopes));
  };
  const byName = (a: FieldDefinitionNode, b: FieldDefinitionNode) => a.name.value.localeCompare(b.name.value);
  const operations = root('Query').filter(callable('Query')).sort(byName);
  const mutations = root('Mutation').filter(callable('Mutation')).sort(byName);
  const types = new Map<string, TypeDefinitionNode>();
  const fields = new Map<string, FieldDefinitionNode[]>();
  const visit = (name: string) => {
    if (BUILT_IN.has(name) || types.has(name) || name.startsWith('join__') || name.startsWith('link__')) return;
    const definition = definitions.get(name);
    if (!definition) return;
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && !partnerMaySatisfy(scopesOf(definition))) return;
    types.set(name, definition);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      const readable = (definition.fields ?? []).filter((f) => !peopleOnly(`${name}.${f.name.value}`) && partnerMaySatisfy(scopesOf(f)));
      fields.set(name, readable);
      for (const f of readable) {
        visit(namedType(f.type));
        for (const a of f.arguments ?? []) visit(namedType(a.type));
      }
    } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const f of definition.fields ?? []) visit(namedType(f.type));
    } else if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
      for (const t of definition.types ?? []) visit(t.name.value);
    }
  };
  for (const f of [...operations, ...mutations]) {
    visit(namedType(f.type));
    for (const a of f.arguments ?? []) visit(namedType(a.type));
  }
  return { operations, mutations, types, fields };
}

/**
 * Every partner-facing element owned by one of `graphs` that has no description, as schema coordinates: what the
 * owning team must describe before partners can rely on it.
 */
export function undescribed(surface: PartnerSurface, graphs: readonly string[]): string[] {
  const ours = (node: { directives?: readonly ConstDirectiveNode[] | undefined }, fallback: string[]) => {
    const own = graphsOf(node, 'join__field');
    return (own.length ? own : fallback).some((g) => graphs.includes(g));
  };
  const missing: string[] = [];
  const args = (owner: string, f: FieldDefinitionNode) => (f.arguments ?? []).filter((a) => !a.description).map((a) => `${owner}${f.name.value}(${a.name.value}:)`);
  for (const f of [...surface.operations, ...surface.mutations]) {
    if (!ours(f, [])) continue;
    if (!f.description) missing.push(f.name.value);
    missing.push(...args('', f));
  }
  for (const [name, definition] of surface.types) {
    const owners = graphsOf(definition, 'join__type');
    if (!ours(definition, owners) || definition.kind === Kind.SCALAR_TYPE_DEFINITION) continue;
    if (!definition.description && !['Query', 'Mutation'].includes(name)) missing.push(name);
    const members: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] =
      definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ? (definition.fields ?? []) : (surface.fields.get(name) ?? []);
    for (const f of members) {
      if (f.name.value === 'id') continue;
      const fieldOwners = graphsOf(f, 'join__field');
      if (!(fieldOwners.length ? fieldOwners : owners).some((g) => graphs.includes(g))) continue;
      if (!f.description) missing.push(`${name}.${f.name.value}`);
      if (f.kind === Kind.FIELD_DEFINITION) missing.push(...args(`${name}.`, f));
    }
  }
  return missing;
}

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|').trim();
const scopesText = (scopes: string[][] | null) => (scopes ? scopes.map((all) => all.map((s) => `\`${s}\``).join(' and ')).join(' or ') : 'none');

function signature(f: FieldDefinitionNode): string {
  const args = (f.arguments ?? []).map((a) => `${a.name.value}: ${typeText(a.type)}${a.defaultValue ? ` = ${print(a.defaultValue)}` : ''}`);
  return `${f.name.value}${args.length ? `(${args.join(', ')})` : ''}: ${typeText(f.type)}`;
}

/** `docs/api.md`. */
export function apiReference(supergraphSdl: string): string {
  const surface = partnerSurface(parse(supergraphSdl));
  const out: string[] = [
    '# Etika partner API reference',
    '',
    '<!-- Generated from schema/supergraph.graphql by `npm run generate` (platform/src/api-reference.ts): edit the schema\'s descriptions, not this file. -->',
    '',
    'One GraphQL endpoint, `POST https://<your Etika host>/graphql`, authenticated with your organisation\'s API key in',
    'the `X-Api-Key` header (an admin creates it in the web app and chooses its scopes; it is shown once). The typed',
    'client is `@etika/sdk`. Every call acts in the key\'s own organisation.',
    '',
    '- **Amounts** are strings of whole minor units (`"1250"` is 12.50 of a two-decimal token); never floats.',
    '- **Idempotency**: every mutation that moves tokens takes an `idempotencyKey`; the same key with the same request',
    '  answers the first result and never makes a second movement; with a different request it is refused with',
    '  `IDEMPOTENCY_CONFLICT`. Retry with the same key.',
    '- **Errors** are GraphQL errors with `extensions.code` (`BAD_USER_INPUT` with `extensions.field`, `FORBIDDEN`,',
    '  `NOT_FOUND`, `INSUFFICIENT_BALANCE`, `SUPPLY_CAP_EXCEEDED`, `IDEMPOTENCY_CONFLICT`, `TOO_MANY_REQUESTS`…). A field',
    '  the key lacks the scope for answers `null` with `UNAUTHORIZED_FIELD_OR_TYPE` at its path.',
    '- **Rate limits**: answers carry `RateLimit` headers; a refused request gets `429` with `Retry-After`.',
    '',
    '## Queries',
    '',
  ];
  const operation = (f: FieldDefinitionNode) => {
    out.push(`### \`${f.name.value}\``, '', '```graphql', signature(f), '```', '');
    if (f.description) out.push(oneLine(f.description.value), '');
    out.push(`Scopes: ${scopesText(scopesOf(f))}.`, '');
    const args = f.arguments ?? [];
    if (args.length) {
      out.push('| argument | type | description |', '|---|---|---|');
      for (const a of args) out.push(`| \`${a.name.value}\` | \`${typeText(a.type)}\` | ${oneLine(a.description?.value)} |`);
      out.push('');
    }
  };
  surface.operations.forEach(operation);
  out.push('## Mutations', '');
  surface.mutations.forEach(operation);
  out.push('## Types', '');
  for (const name of [...surface.types.keys()].sort()) {
    const definition = surface.types.get(name)! as Described | TypeDefinitionNode;
    out.push(`### \`${name}\``, '');
    if (definition.description) out.push(oneLine(definition.description.value), '');
    const typeScopes = 'directives' in definition ? scopesOf(definition) : null;
    if (typeScopes) out.push(`Scopes: ${scopesText(typeScopes)}.`, '');
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      out.push('| field | type | scopes | description |', '|---|---|---|---|');
      for (const f of surface.fields.get(name) ?? []) out.push(`| \`${signature(f).split(':')[0]}\` | \`${typeText(f.type)}\` | ${scopesOf(f) ? scopesText(scopesOf(f)) : ''} | ${oneLine(f.description?.value)} |`);
      out.push('');
    } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      out.push('| input field | type | description |', '|---|---|---|');
      for (const f of definition.fields ?? []) out.push(`| \`${f.name.value}\` | \`${typeText(f.type)}\`${f.defaultValue ? ` = \`${print(f.defaultValue)}\`` : ''} | ${oneLine(f.description?.value)} |`);
      out.push('');
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      out.push('| value | description |', '|---|---|');
      for (const v of definition.values ?? []) out.push(`| \`${v.name.value}\` | ${oneLine(v.description?.value)} |`);
      out.push('');
    } else if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
      out.push(`One of ${(definition.types ?? []).map((t) => `\`${t.name.value}\``).join(', ')}.`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
