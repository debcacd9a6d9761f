import {
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { evaluateRule, isUnrestricted, requirementKey, requirementRule, type Principal, type Requirement } from '@etika/schema';
import type { RequirementsIndex } from './requirements-index.ts';

/** One restricted field of the operation, wherever a fragment puts it. */
interface Check {
  readonly path: readonly string[];
  readonly key: string;
  readonly node: FieldNode;
}

/** What depends only on the document: computed once per (document, operation name) and cached. */
interface Analysis {
  readonly operation: OperationDefinitionNode | null;
  readonly checks: readonly Check[];
  readonly requirements: ReadonlyMap<string, Requirement>;
  readonly variants: Map<string, AuthorizedVariant>;
}

export interface AuthorizedVariant {
  /** The document to execute; null when nothing is left (or the operation is rejected). */
  readonly query: string | null;
  readonly errors: readonly GraphQLFormattedError[];
  readonly removedPaths: readonly (readonly string[])[];
  readonly rejected: boolean;
}

const analyses = new WeakMap<DocumentNode, Map<string, Analysis>>();
const UNCHANGED: AuthorizedVariant = Object.freeze({ query: null, errors: [], removedPaths: [], rejected: false });

function selectedOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | null {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName === undefined) return ops.length === 1 ? ops[0]! : null;
  return ops.find((o) => o.name?.value === operationName) ?? null;
}

function analyse(schema: GraphQLSchema, index: RequirementsIndex, document: DocumentNode, operationName: string | undefined): Analysis {
  let byName = analyses.get(document);
  if (!byName) {
    byName = new Map();
    analyses.set(document, byName);
  }
  const cached = byName.get(operationName ?? '');
  if (cached) return cached;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const checks: Check[] = [];
  const requirements = new Map<string, Requirement>();

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, path: readonly string[], seen: ReadonlySet<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const def = parent.getFields()[name];
        if (!def) continue;
        const responsePath = [...path, sel.alias?.value ?? name];
        const req = index.fieldRequirement(parent.name, name);
        if (!isUnrestricted(req)) {
          const key = requirementKey(req);
          requirements.set(key, req);
          checks.push({ path: responsePath, key, node: sel });
        }
        const target = getNamedType(def.type);
        if (sel.selectionSet && isCompositeType(target)) walk(sel.selectionSet, target, responsePath, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (cond && isCompositeType(cond)) walk(sel.selectionSet, cond, path, seen);
      } else {
        const fragment = fragments.get(sel.name.value);
        const cond = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && cond && isCompositeType(cond) && !seen.has(fragment.name.value)) {
          walk(fragment.selectionSet, cond, path, new Set([...seen, fragment.name.value]));
        }
      }
    }
  };

  const operation = selectedOperation(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (operation && root) walk(operation.selectionSet, root, [], new Set());
  const analysis: Analysis = { operation, checks, requirements, variants: new Map() };
  byName.set(operationName ?? '', analysis);
  return analysis;
}

/** The selected operation without the denied fields, empty selections, unused fragments and unused variables. */
function filteredDocument(document: DocumentNode, operation: OperationDefinitionNode, denied: ReadonlySet<FieldNode>): { query: string | null; collapsed: FieldNode[] } {
  const collapsed: FieldNode[] = [];
  let doc: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION || d === operation),
  };
  doc = visit(doc, { Field: (node) => (denied.has(node) ? null : undefined) });
  for (let changed = true; changed; ) {
    changed = false;
    const emptyFragments = new Set(
      doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION && d.selectionSet.selections.length === 0 ? [d.name.value] : [])),
    );
    doc = visit(doc, {
      FragmentDefinition: (node) => (emptyFragments.has(node.name.value) ? ((changed = true), null) : undefined),
      FragmentSpread: (node) => (emptyFragments.has(node.name.value) ? ((changed = true), null) : undefined),
      InlineFragment: (node) => (node.selectionSet.selections.length === 0 ? ((changed = true), null) : undefined),
      Field: (node) => {
        if (node.selectionSet && node.selectionSet.selections.length === 0) {
          changed = true;
          collapsed.push(node);
          return null;
        }
        return undefined;
      },
    });
  }
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.selectionSet.selections.length === 0) return { query: null, collapsed };

  const reachable = new Set<string>();
  const usedVariables = new Set<string>();
  const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    visit(node.selectionSet, {
      Variable: (v) => void usedVariables.add(v.name.value),
      FragmentSpread: (s) => {
        if (reachable.has(s.name.value)) return;
        reachable.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) collect(f);
      },
    });
  };
  collect(op);
  const definitions = doc.definitions.flatMap((d): DefinitionNode[] => {
    if (d.kind === Kind.FRAGMENT_DEFINITION) return reachable.has(d.name.value) ? [d] : [];
    if (d.kind !== Kind.OPERATION_DEFINITION) return [d];
    return [{ ...d, variableDefinitions: (d.variableDefinitions ?? []).filter((v) => usedVariables.has(v.variable.name.value)) }];
  });
  return { query: print({ ...doc, definitions }), collapsed };
}

export interface AuthorizeInput {
  readonly schema: GraphQLSchema;
  readonly index: RequirementsIndex;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly principal: Principal;
  /** Reject the whole operation when anything is unauthorized, instead of answering null for those fields. */
  readonly reject: boolean;
}

/**
 * Authorization before planning, with Apollo Router's semantics. The document walk is cached per document; per
 * request only the distinct requirements are evaluated, through the same graphql-shield rules the subgraphs use,
 * and each combination of failures gets its own cached filtered document (so its own query plan).
 */
export async function authorizeOperation(input: AuthorizeInput): Promise<AuthorizedVariant> {
  const analysis = analyse(input.schema, input.index, input.document, input.operationName);
  if (!analysis.operation || analysis.checks.length === 0) return UNCHANGED;
  const failed = new Set<string>();
  await Promise.all(
    [...analysis.requirements].map(async ([key, req]) => {
      if (!(await evaluateRule(requirementRule(req), input.principal))) failed.add(key);
    }),
  );
  if (failed.size === 0) return UNCHANGED;
  const variantKey = `${input.reject ? 'reject' : 'filter'}:${[...failed].sort().join('|')}`;
  const cached = analysis.variants.get(variantKey);
  if (cached) return cached;

  const deniedChecks = analysis.checks.filter((c) => failed.has(c.key));
  const all = new Map(deniedChecks.map((c) => [c.path.join('.'), c.path]));
  // a field inside a removed field goes with it: report only the outermost
  const paths = new Map([...all].filter(([key]) => ![...all.keys()].some((other) => other !== key && key.startsWith(`${other}.`))));
  const errors = [...paths.values()].map((path) => ({
    message: 'Unauthorized field or type',
    path: [...path],
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' },
  }));
  let variant: AuthorizedVariant;
  if (input.reject) {
    variant = { query: null, errors, removedPaths: [], rejected: true };
  } else {
    const { query, collapsed } = filteredDocument(input.document, analysis.operation, new Set(deniedChecks.map((c) => c.node)));
    variant = { query, errors, removedPaths: [...paths.values(), ...pathsOf(analysis, collapsed, input)], rejected: false };
  }
  analysis.variants.set(variantKey, variant);
  return variant;
}

/** Response paths of fields removed because everything under them was; found by re-walking with their nodes. */
function pathsOf(analysis: Analysis, collapsed: readonly FieldNode[], input: AuthorizeInput): (readonly string[])[] {
  if (collapsed.length === 0 || !analysis.operation) return [];
  const wanted = new Set(collapsed.map((n) => `${n.loc?.start ?? -1}`));
  const out: string[][] = [];
  const fragments = new Map(input.document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const walk = (set: SelectionSetNode, path: string[], seen: ReadonlySet<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const p = [...path, sel.alias?.value ?? sel.name.value];
        if (wanted.has(`${sel.loc?.start ?? -2}`)) out.push(p);
        if (sel.selectionSet) walk(sel.selectionSet, p, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, path, seen);
      else {
        const f = fragments.get(sel.name.value);
        if (f && !seen.has(f.name.value)) walk(f.selectionSet, path, new Set([...seen, f.name.value]));
      }
    }
  };
  walk(analysis.operation.selectionSet, [], new Set());
  return out;
}
