import { and, asc, eq, inArray } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, setTenant, uuidOrThrow, type Db, type Rights, type Tx } from '@etika/kit';
import { isRole, scopesForRole, type Principal, type Role } from '@etika/schema';
import { memberships } from '../tables.ts';
import { recordMembershipChanged } from './membership.events.ts';
import { memberChangeViolation } from './membership.rules.ts';

export type MembershipRow = typeof memberships.$inferSelect;

export function actorOrThrow(principal: Principal): { userId: string; orgId: string; role: Role } {
  if (principal.kind !== 'user' || !principal.orgId || !principal.role || !isRole(principal.role)) {
    throw appError('FORBIDDEN', 'Choose an organisation first');
  }
  return { userId: principal.userId, orgId: principal.orgId, role: principal.role };
}

export function roleOrThrow(value: string): Role {
  if (!isRole(value)) throw appError('BAD_USER_INPUT', 'Role must be owner, admin, member or auditor', { field: 'role' });
  return value;
}

/**
 * The actor's role now, from this subgraph's own table (locked for the transaction), not the role their access
 * token was issued with: a removed or demoted person's earlier token cannot act on the old role here.
 */
export async function memberManagerNowOrThrow(tx: Tx, actor: { userId: string; orgId: string }): Promise<{ userId: string; orgId: string; role: Role }> {
  const [own] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, actor.userId)))
    .for('share');
  if (!own || !isRole(own.role)) throw appError('FORBIDDEN', 'You are no longer a member of this organisation');
  if (!scopesForRole(own.role).includes('members:manage')) throw appError('FORBIDDEN', 'Your role no longer lets you manage members');
  return { ...actor, role: own.role };
}

export class MembershipService {
  constructor(
    private readonly db: Db,
    private readonly rights: Rights,
  ) {}

  /**
   * Runs a change of one person's membership with their (user, organisation) epoch raised before and after the
   * commit: every access token read before it, or while it commits, is refused from then on.
   */
  private async changing<T>(userId: string, orgId: string, change: () => Promise<T>): Promise<T> {
    await this.rights.membershipChanged(userId, orgId);
    try {
      return await change();
    } finally {
      await this.rights.membershipChanged(userId, orgId);
    }
  }

  private async targetOf(actor: { userId: string; orgId: string }, membershipId: string): Promise<MembershipRow> {
    const [target] = await inTenant(this.db, actor, (tx) => tx.select().from(memberships).where(eq(memberships.id, membershipId)));
    if (!target) throw appError('NOT_FOUND', 'No such member');
    return target;
  }

  async forOrganization(principal: Principal, orgId: string): Promise<MembershipRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) =>
      tx.select().from(memberships).where(eq(memberships.orgId, orgId)).orderBy(asc(memberships.createdAt)),
    );
  }

  /** Row-level security limits this to the caller's own memberships and those of their active organisation. */
  async forUser(principal: Principal, userId: string): Promise<MembershipRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) =>
      tx.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.createdAt)),
    );
  }

  async isMember(orgId: string, userId: string): Promise<boolean> {
    const rows = await inTenant(this.db, { orgId, userId: null }, (tx) =>
      tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))),
    );
    return rows.length === 1;
  }

  /** For identity's token issuing: every organisation this user belongs to. */
  async ofUserForTokens(userId: string): Promise<{ orgId: string; role: string }[]> {
    return inTenant(this.db, { orgId: null, userId }, (tx) =>
      tx.select({ orgId: memberships.orgId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.createdAt)),
    );
  }

  async byIds(principal: Principal, ids: readonly string[]): Promise<(MembershipRow | null)[]> {
    return loadByIds(ids, (valid) => inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(memberships).where(inArray(memberships.id, valid))), (r) => r.id);
  }

  /** Locks the organisation's owners and the target, so two concurrent demotions cannot remove the last owner. */
  private async change(tx: Tx, actor: { userId: string; role: Role }, membershipId: string, next: Role | null): Promise<MembershipRow> {
    const [target] = await tx.select().from(memberships).where(eq(memberships.id, membershipId)).for('update');
    if (!target || !isRole(target.role)) throw appError('NOT_FOUND', 'No such member');
    const owners = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.orgId, target.orgId), eq(memberships.role, 'owner')))
      .for('update');
    const violation = memberChangeViolation({
      actorRole: actor.role,
      targetRole: target.role,
      next,
      ownerCount: owners.length,
      selfChange: target.userId === actor.userId,
    });
    if (violation) throw appError(violation.code, violation.message);
    const actorId = target.userId === actor.userId ? null : actor.userId;
    if (next === null) {
      await tx.delete(memberships).where(eq(memberships.id, membershipId));
      await recordMembershipChanged(tx, { ...target, role: null }, target.role, actorId);
      return target;
    }
    const [updated] = await tx.update(memberships).set({ role: next }).where(eq(memberships.id, membershipId)).returning();
    if (next !== target.role) await recordMembershipChanged(tx, updated!, target.role, actorId);
    return updated!;
  }

  async changeRole(principal: Principal, membershipId: string, roleInput: string): Promise<MembershipRow> {
    return this.changeOther(principal, membershipId, roleOrThrow(roleInput));
  }

  async remove(principal: Principal, membershipId: string): Promise<MembershipRow> {
    return this.changeOther(principal, membershipId, null);
  }

  private async changeOther(principal: Principal, membershipId: string, next: Role | null): Promise<MembershipRow> {
    const claimed = actorOrThrow(principal);
    const id = uuidOrThrow(membershipId, 'membershipId');
    const target = await this.targetOf(claimed, id);
    const apply = () =>
      inTenant(this.db, { orgId: claimed.orgId, userId: claimed.userId }, async (tx) => this.change(tx, await memberManagerNowOrThrow(tx, claimed), id, next));
    // giving someone the role they have changes no right: their tokens stay good
    return target.role === next ? apply() : this.changing(target.userId, target.orgId, apply);
  }

  /** Leaving any of one's organisations: the membership is checked first, then acted on in that tenant. */
  async leave(principal: Principal, organizationId: string): Promise<MembershipRow> {
    if (principal.kind !== 'user') throw appError('FORBIDDEN', 'Only people can leave');
    const orgId = uuidOrThrow(organizationId, 'organizationId');
    const userId = principal.userId;
    return this.changing(userId, orgId, () =>
      inTenant(this.db, { orgId: null, userId }, async (tx) => {
        const [own] = await tx.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
        const role = own?.role;
        if (!own || !role || !isRole(role)) throw appError('NOT_FOUND', 'You are not a member of that organisation');
        await setTenant(tx, { orgId, userId });
        return this.change(tx, { userId, role }, own.id, null);
      }),
    );
  }
}
