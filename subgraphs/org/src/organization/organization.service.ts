import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { recordMembershipChanged } from '../membership/membership.events.ts';
import { appError, inTenant, loadByIds, personOrThrow, scopeOf, uuidOrThrow, type Db } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { brandingViolation } from './organization.rules.ts';
import { memberships, organizations } from '../tables.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

export interface BrandingChange {
  readonly name?: string | undefined;
  readonly brandColor?: string | null | undefined;
  readonly logoUrl?: string | null | undefined;
}

function brandingOrThrow(change: BrandingChange): void {
  const violation = brandingViolation(change);
  if (violation) throw appError(violation.code, violation.message, { field: violation.field });
}

function userIdOrThrow(principal: Principal): string {
  return personOrThrow(principal).userId;
}

export class OrganizationService {
  constructor(private readonly db: Db) {}

  /** The new organisation is its own tenant from its first row; its creator is its owner. */
  async create(principal: Principal, change: BrandingChange & { name: string }): Promise<OrganizationRow> {
    const userId = userIdOrThrow(principal);
    brandingOrThrow(change);
    const id = randomUUID();
    return inTenant(this.db, { orgId: id, userId }, async (tx) => {
      const [row] = await tx
        .insert(organizations)
        .values({ id, name: change.name.trim(), brandColor: change.brandColor ?? null, logoUrl: change.logoUrl ?? null })
        .returning();
      const [owner] = await tx.insert(memberships).values({ orgId: id, userId, role: 'owner' }).returning();
      await recordMembershipChanged(tx, owner!, null, null);
      return row!;
    });
  }

  /**
   * Organisations the caller belongs to (row-level security shows exactly those); for a partner key, the one
   * organisation the key belongs to, which is how a partner finds out which that is.
   */
  async mine(principal: Principal): Promise<OrganizationRow[]> {
    if (principal.kind === 'apiKey') return inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(organizations).where(eq(organizations.id, principal.orgId)));
    const userId = userIdOrThrow(principal);
    return inTenant(this.db, { orgId: null, userId }, (tx) =>
      tx.select().from(organizations).where(inArray(organizations.id, tx.select({ id: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId)))).orderBy(asc(organizations.name)),
    );
  }

  async byIds(principal: Principal, ids: readonly string[]): Promise<(OrganizationRow | null)[]> {
    return loadByIds(ids, (valid) => inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(organizations).where(inArray(organizations.id, valid))), (r) => r.id);
  }

  async updateBranding(principal: Principal, change: BrandingChange): Promise<OrganizationRow> {
    brandingOrThrow(change);
    if (change.name === undefined && change.brandColor === undefined && change.logoUrl === undefined) {
      throw appError('BAD_USER_INPUT', 'Nothing to change');
    }
    const scope = scopeOf(principal);
    if (!scope.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
    const [row] = await inTenant(this.db, scope, (tx) =>
      tx
        .update(organizations)
        .set({
          ...(change.name !== undefined ? { name: change.name.trim() } : {}),
          ...(change.brandColor !== undefined ? { brandColor: change.brandColor } : {}),
          ...(change.logoUrl !== undefined ? { logoUrl: change.logoUrl } : {}),
        })
        .where(eq(organizations.id, uuidOrThrow(scope.orgId!, 'organizationId')))
        .returning(),
    );
    if (!row) throw appError('NOT_FOUND', 'No such organisation');
    return row;
  }
}
