import { appError, isUuid } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { orgScopeOrThrow } from '../series/series.service.ts';
import type { AnalyticsStore, AuditEntryRow } from '../store/store.ts';

export const AUDIT_PAGE_MAX = 500;

export interface AuditQuery {
  readonly actor?: string | null;
  readonly action?: string | null;
  readonly outcome?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

/** A page cursor: the last entry's time and id. */
export function cursorOf(row: Pick<AuditEntryRow, 'at' | 'id'>): string {
  return Buffer.from(`${row.at.toISOString()}|${row.id}`).toString('base64url');
}

export function cursorOrThrow(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const when = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(when.getTime())) throw appError('BAD_USER_INPUT', 'after is not a cursor this trail gave', { field: 'after' });
  return { at: when, id };
}

/** The organisation's audit trail, newest first, filtered and paged. */
export class AuditService {
  constructor(private readonly store: AnalyticsStore) {}

  async page(principal: Principal, filter: AuditQuery, first: number, after: string | null): Promise<{ entries: AuditEntryRow[]; next: string | null }> {
    if (!Number.isInteger(first) || first < 1 || first > AUDIT_PAGE_MAX) throw appError('BAD_USER_INPUT', `first is between 1 and ${AUDIT_PAGE_MAX}`, { field: 'first' });
    if (filter.from && filter.to && filter.from > filter.to) throw appError('BAD_USER_INPUT', 'from comes after to', { field: 'to', reason: 'FROM_AFTER_TO' });
    const rows = await this.store.auditTrail(orgScopeOrThrow(principal), { ...filter, after: after ? cursorOrThrow(after) : null, limit: first + 1 });
    const entries = rows.slice(0, first);
    return { entries, next: rows.length > first ? cursorOf(entries.at(-1)!) : null };
  }
}
