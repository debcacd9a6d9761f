import { desc, inArray } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, type Db } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { items } from '../tables.ts';

export type ItemRow = typeof items.$inferSelect;

export const TITLE_MAX = 200;

/** A title is one line of text people can read: not blank, not longer than `TITLE_MAX`. */
export function titleOrThrow(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0 || trimmed.length > TITLE_MAX) throw appError('BAD_USER_INPUT', `A title has 1 to ${TITLE_MAX} characters`, { field: 'title' });
  return trimmed;
}

export class ItemService {
  constructor(private readonly db: Db) {}

  /** The active organisation's items, newest first; row-level security hides every other organisation's. */
  list(principal: Principal): Promise<ItemRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(items).orderBy(desc(items.createdAt)));
  }

  async create(principal: Principal, title: string): Promise<ItemRow> {
    const scope = scopeOf(principal);
    if (!scope.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
    const orgId = scope.orgId;
    const value = titleOrThrow(title);
    const [row] = await inTenant(this.db, scope, (tx) => tx.insert(items).values({ orgId, title: value }).returning());
    return row!;
  }

  byIds(principal: Principal, ids: readonly string[]): Promise<(ItemRow | null)[]> {
    return loadByIds(ids, (valid) => inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(items).where(inArray(items.id, valid))), (row) => row.id);
  }
}
