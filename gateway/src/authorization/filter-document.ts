import { Kind, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';

/**
 * A response path: the response keys (aliases where given) from the root. List positions carry no index and no
 * marker: a field is removed from the document, so it is missing at every position of a list at once.
 */
export type ResponsePath = readonly string[];

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

export const pathKey = (path: ResponsePath): string => path.join('.');

/** Distinct paths, without those under another path of the list, in their first order. */
export function outermost(paths: readonly ResponsePath[]): ResponsePath[] {
  const keys = new Set(paths.map(pathKey));
  const seen = new Set<string>();
  const out: ResponsePath[] = [];
  for (const path of paths) {
    const key = pathKey(path);
    if (seen.has(key)) continue;
    seen.add(key);
    let covered = false;
    for (let i = 1; i < path.length && !covered; i++) covered = keys.has(pathKey(path.slice(0, i)));
    if (!covered) out.push(path);
  }
  return out;
}

export interface FilteredDocument {
  readonly document: DocumentNode | null;
  readonly collapsed: readonly FieldNode[];
}

/**
 * The selected operation without the denied fields, without fields, inline fragments and fragments their removal
 * emptied, and without the fragments and variable definitions nothing uses any more.
 */
export function filterDocument(
  document: DocumentNode,
  selected: OperationDefinitionNode,
  denied: ReadonlySet<FieldNode>,
): FilteredDocument {
  const fragments = fragmentsOf(document);
  const filteredFragments = new Map<string, FragmentDefinitionNode | null>();
  const collapsed: FieldNode[] = [];

  const filterFragment = (name: string): FragmentDefinitionNode | null => {
    const done = filteredFragments.get(name);
    if (done !== undefined) return done;
    const fragment = fragments.get(name);
    const set = fragment ? filterSet(fragment.selectionSet) : null;
    const result = fragment && set ? (set === fragment.selectionSet ? fragment : { ...fragment, selectionSet: set }) : null;
    filteredFragments.set(name, result);
    return result;
  };
  const filterSelection = (sel: SelectionNode): SelectionNode | null => {
    if (sel.kind === Kind.FRAGMENT_SPREAD) return filterFragment(sel.name.value) ? sel : null;
    if (sel.kind === Kind.FIELD && denied.has(sel)) return null;
    if (!sel.selectionSet) return sel;
    const set = filterSet(sel.selectionSet);
    if (!set) {
      if (sel.kind === Kind.FIELD) collapsed.push(sel);
      return null;
    }
    return set === sel.selectionSet ? sel : { ...sel, selectionSet: set };
  };
  const filterSet = (set: SelectionSetNode): SelectionSetNode | null => {
    const kept = set.selections.flatMap((sel) => filterSelection(sel) ?? []);
    if (kept.length === 0) return null;
    return kept.length === set.selections.length && kept.every((s, i) => s === set.selections[i]) ? set : { ...set, selections: kept };
  };

  const selectionSet = filterSet(selected.selectionSet);
  if (!selectionSet) return { document: null, collapsed };

  const reachable = new Map<string, FragmentDefinitionNode>();
  const variables = new Set<string>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    visit(node, {
      VariableDefinition: () => false,
      Variable: (v) => void variables.add(v.name.value),
      FragmentSpread: (spread) => {
        const fragment = filterFragment(spread.name.value);
        if (!fragment || reachable.has(spread.name.value)) return;
        reachable.set(spread.name.value, fragment);
        collect(fragment);
      },
    });
  };
  const operation: OperationDefinitionNode = { ...selected, selectionSet };
  collect(operation);
  const variableDefinitions = (operation.variableDefinitions ?? []).filter((v) => variables.has(v.variable.name.value));
  const definitions = [
    { ...operation, variableDefinitions },
    ...document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? (reachable.get(d.name.value) ?? []) : [])),
  ];
  return { document: { kind: Kind.DOCUMENT, definitions }, collapsed };
}

/** Every response path a document still selects, fragments expanded. */
export function selectedPaths(document: DocumentNode): Set<string> {
  const fragments = fragmentsOf(document);
  const paths = new Set<string>();
  const walk = (set: SelectionSetNode, path: ResponsePath): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const fieldPath = [...path, sel.alias?.value ?? sel.name.value];
        paths.add(pathKey(fieldPath));
        if (sel.selectionSet) walk(sel.selectionSet, fieldPath);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, path);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment.selectionSet, path);
      }
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, []);
  return paths;
}

