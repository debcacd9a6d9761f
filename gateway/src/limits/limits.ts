import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Bounds on one operation's shape, checked before any authorization, planning or execution. */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  /** Fields selected in total, fragments expanded: a proxy for cost that cannot be cheated with fragments. */
  readonly maxFields: number;
  /** Lexical tokens, enforced by the parser itself so a huge document is never fully parsed. */
  readonly maxTokens: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxFields: 500, maxTokens: 5_000 };

export interface LimitViolation {
  readonly limit: keyof OperationLimits;
  readonly message: string;
}

interface Tally {
  aliases: number;
  fields: number;
  depth: number;
  /** Fields selected on the root type, through inline fragments and fragment spreads alike. */
  roots: number;
}

/**
 * Measures every operation in the document, expanding fragments (a fragment cycle counts as too deep, since
 * validation would reject it anyway). Returns the first limit exceeded, or null.
 */
export function checkLimits(document: DocumentNode, limits: OperationLimits = DEFAULT_LIMITS): LimitViolation | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const walk = (set: SelectionSetNode, depth: number, tally: Tally, path: readonly string[]): void => {
    if (depth > limits.maxDepth) {
      tally.depth = depth;
      return;
    }
    tally.depth = Math.max(tally.depth, depth);
    for (const sel of set.selections) {
      if (tally.fields > limits.maxFields || tally.aliases > limits.maxAliases || tally.roots > limits.maxRootFields) return;
      if (sel.kind === Kind.FIELD) {
        tally.fields += 1;
        if (depth === 1) tally.roots += 1;
        if (sel.alias) tally.aliases += 1;
        if (sel.selectionSet) walk(sel.selectionSet, depth + 1, tally, path);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, depth, tally, path);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (path.includes(name)) {
          tally.depth = limits.maxDepth + 1;
          return;
        }
        if (fragment) walk(fragment.selectionSet, depth, tally, [...path, name]);
      }
    }
  };

  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const tally: Tally = { aliases: 0, fields: 0, depth: 0, roots: 0 };
    walk(def.selectionSet, 1, tally, []);
    if (tally.roots > limits.maxRootFields) return { limit: 'maxRootFields', message: `At most ${limits.maxRootFields} root fields per operation` };
    if (tally.depth > limits.maxDepth) return { limit: 'maxDepth', message: `Operations may nest at most ${limits.maxDepth} levels` };
    if (tally.aliases > limits.maxAliases) return { limit: 'maxAliases', message: `At most ${limits.maxAliases} aliases per operation` };
    if (tally.fields > limits.maxFields) return { limit: 'maxFields', message: `At most ${limits.maxFields} fields per operation` };
  }
  return null;
}
