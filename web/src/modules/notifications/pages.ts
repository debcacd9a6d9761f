/** One page of a newest-first list with a cursor. */
export interface Page<T extends { readonly id: string }> {
  readonly nodes: readonly T[];
  readonly endCursor?: string | null;
  readonly hasNextPage: boolean;
}

/**
 * The next page added under what is shown: a row that is already shown (a notification that arrived between two
 * pages pushes the older ones down by one) appears once, and the cursor is the new page's.
 */
export function appendPage<T extends { readonly id: string }, P extends Page<T>>(shown: P, next: P): P {
  const seen = new Set(shown.nodes.map((n) => n.id));
  return { ...next, nodes: [...shown.nodes, ...next.nodes.filter((n) => !seen.has(n.id))] };
}
