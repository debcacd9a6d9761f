import DataLoader from 'dataloader';
import { isUuid } from './errors.ts';

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

/**
 * One batch of entity look-ups by id, as `__resolveReference` loaders need: ids that are not UUIDs answer null
 * without reaching the database (a malformed representation is not a server error), and the answers come back in
 * the order asked.
 */
export async function loadByIds<T>(
  ids: readonly string[],
  fetch: (valid: string[]) => Promise<readonly T[]>,
  keyOf: (row: T) => string,
): Promise<(T | null)[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  const rows = valid.length === 0 ? [] : await fetch(valid);
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return ids.map((id) => byKey.get(id) ?? null);
}
