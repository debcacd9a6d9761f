/** A page of a connection as the platform returns it: newest first, `endCursor` for the next (older) one. */
export interface Page<T> {
  readonly nodes: readonly T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

/** Every item of a paginated list, page after page, fetching the next only when the caller gets that far. */
export async function* paginate<T>(fetchPage: (after: string | null) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let after: string | null = null;
  for (;;) {
    const page: Page<T> = await fetchPage(after);
    yield* page.nodes;
    if (!page.hasNextPage || !page.endCursor) return;
    after = page.endCursor;
  }
}

/** All of them at once, for lists known to be small. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
