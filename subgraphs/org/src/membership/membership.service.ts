import { and, asc, eq, inArray } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, setTenant, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import { isRole, type Principal, type Role } from '@etika/schema';
import { memberships } from '../tables.ts';
import { memberChangeViolation } from './membership.rules.ts';
import type { UserDirectory } from './users.client.ts';

export type MembershipRow = typeof memberships.$inferSelect;

function actorOrThrow(principal: Principal): { userId: string; orgId: string; role: Role } {
  if (principal.kind !== 'user' || !principal.orgId || !principal.role || !isRole(principal.role)) {
    throw appError('FORBIDDEN', 'Choose an organisation first');
  }
  return { userId: principal.userId, orgId: principal.orgId, role: principal.role };
}

function roleOrThrow(value: string): Role {
  if (!isRole(value)) throw appError('BAD_USER_INPUT', 'Role must be owner, admin, member or auditor', { field: 'role' });
  return value;
}

export class MembershipService {
  constructor(
    private readonly db: Db,
    private readonly users: UserDirectory,
  ) {}

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

  async add(principal: Principal, principalToken: string, email: string, roleInput: string): Promise<MembershipRow> {
    const actor = actorOrThrow(principal);
    const role = roleOrThrow(roleInput);
    const violation = memberChangeViolation({ actorRole: actor.role, targetRole: 'member', next: role, ownerCount: 2, selfChange: false });
    if (violation) throw appError(violation.code, violation.message);
    const user = await this.users.findByEmail(email.slice(0, 254), principalToken);
    if (!user) throw appError('NOT_FOUND', 'Nobody has an account with that email yet; ask them to sign up first', { field: 'email' });
    const [row] = await inTenant(this.db, { orgId: actor.orgId, userId: actor.userId }, (tx) =>
      tx.insert(memberships).values({ orgId: actor.orgId, userId: user.id, role }).onConflictDoNothing().returning(),
    );
    if (!row) throw appError('CONFLICT', 'That person is already a member');
    return row;
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
    if (next === null) {
      await tx.delete(memberships).where(eq(memberships.id, membershipId));
      return target;
    }
    const [updated] = await tx.update(memberships).set({ role: next }).where(eq(memberships.id, membershipId)).returning();
    return updated!;
  }

  async changeRole(principal: Principal, membershipId: string, roleInput: string): Promise<MembershipRow> {
    const actor = actorOrThrow(principal);
    const role = roleOrThrow(roleInput);
    const id = uuidOrThrow(membershipId, 'membershipId');
    return inTenant(this.db, { orgId: actor.orgId, userId: actor.userId }, (tx) => this.change(tx, actor, id, role));
  }

  async remove(principal: Principal, membershipId: string): Promise<MembershipRow> {
    const actor = actorOrThrow(principal);
    const id = uuidOrThrow(membershipId, 'membershipId');
    return inTenant(this.db, { orgId: actor.orgId, userId: actor.userId }, (tx) => this.change(tx, actor, id, null));
  }

  /** Leaving any of one's organisations: the membership is checked first, then acted on in that tenant. */
  async leave(principal: Principal, organizationId: string): Promise<MembershipRow> {
    if (principal.kind !== 'user') throw appError('FORBIDDEN', 'Only people can leave');
    const orgId = uuidOrThrow(organizationId, 'organizationId');
    const userId = principal.userId;
    return inTenant(this.db, { orgId: null, userId }, async (tx) => {
      const [own] = await tx.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
      if (!own || !isRole(own.role)) throw appError('NOT_FOUND', 'You are not a member of that organisation');
      await setTenant(tx, { orgId, userId });
      return this.change(tx, { userId, role: own.role }, own.id, null);
    });
  }
}
