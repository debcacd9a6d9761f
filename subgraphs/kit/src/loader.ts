import DataLoader from 'dataloader';

const loaders = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();

/**
 * A DataLoader that lives as long as one request's context: entity look-ups of one `_entities` call (or of one
 * list's field resolvers) become one query.
 */
export function requestLoader<V>(
  ctx: object,
  name: string,
  batch: (ids: readonly string[]) => Promise<(V | null)[]>,
): DataLoader<string, V | null> {
  let byName = loaders.get(ctx);
  if (!byName) {
    byName = new Map();
    loaders.set(ctx, byName);
  }
  let loader = byName.get(name) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(batch);
    byName.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
