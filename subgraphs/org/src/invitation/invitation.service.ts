import { and, desc, eq, gt } from 'drizzle-orm';
import { appError, inTenant, recordEvent, scopeOf, setLocal, setTenant, throttleOrThrow, uuidOrThrow, type Db, type KeyValueStore, type Rights, type ThrottleLimit, type Tx } from '@etika/kit';
import { EVENT_TYPES, normaliseEmail, type OrgInvitationCreated, type Principal } from '@etika/schema';
import { invitations, memberships, organizations } from '../tables.ts';
import { recordMembershipChanged } from '../membership/membership.events.ts';
import { memberChangeViolation } from '../membership/membership.rules.ts';
import { actorOrThrow, memberManagerNowOrThrow, roleOrThrow, type MembershipRow } from '../membership/membership.service.ts';
import type { UserDirectory } from '../membership/users.client.ts';
import { closedReason, expiryFrom, invitationState } from './invitation.rules.ts';

export type InvitationRow = typeof invitations.$inferSelect;

/** Invitations one person may send in a window, and one organisation (the org subgraph's settings). */
export interface InvitationLimits {
  readonly inviter: ThrottleLimit;
  readonly organization: ThrottleLimit;
}

/**
 * Adding a person is an invitation they accept. The answer to an invitation is the same whether the address has an
 * account or not (org never asks), and it waits for that address to sign up; no role is held before acceptance.
 */
export class InvitationService {
  constructor(
    private readonly db: Db,
    private readonly store: KeyValueStore,
    private readonly users: UserDirectory,
    private readonly rights: Rights,
    private readonly limits: InvitationLimits,
  ) {}

  async invite(principal: Principal, rawEmail: string, roleInput: string): Promise<InvitationRow> {
    const claimed = actorOrThrow(principal);
    const role = roleOrThrow(roleInput);
    const email = normaliseEmail(rawEmail.slice(0, 320));
    if (!email) throw appError('BAD_USER_INPUT', 'Enter a valid email address', { field: 'email' });
    await throttleOrThrow(this.store, [
      { key: `invite:org:${claimed.orgId}`, limit: this.limits.organization },
      { key: `invite:by:${claimed.userId}`, limit: this.limits.inviter },
    ]);
    return inTenant(this.db, { orgId: claimed.orgId, userId: claimed.userId }, async (tx) => {
      const actor = await memberManagerNowOrThrow(tx, claimed);
      const violation = memberChangeViolation({ actorRole: actor.role, targetRole: 'member', next: role, ownerCount: 2, selfChange: false });
      if (violation) throw appError(violation.code, violation.message, { field: 'role' });
      const [organization] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.orgId));
      const now = new Date();
      const values = { orgId: actor.orgId, organizationName: organization!.name, email, role, invitedBy: actor.userId, createdAt: now, expiresAt: expiryFrom(now) };
      // inviting the same address again renews the open invitation instead of adding a second one
      const [row] = await tx
        .insert(invitations)
        .values(values)
        .onConflictDoUpdate({
          target: [invitations.orgId, invitations.email],
          targetWhere: eq(invitations.status, 'pending'),
          set: { role, invitedBy: actor.userId, createdAt: now, expiresAt: values.expiresAt, organizationName: values.organizationName },
        })
        .returning();
      await recordEvent<OrgInvitationCreated>(tx, 'org', EVENT_TYPES.orgInvitationCreated, row!.orgId, {
        invitationId: row!.id,
        orgId: row!.orgId,
        organizationName: row!.organizationName,
        email: row!.email,
        role,
        invitedBy: row!.invitedBy,
        expiresAt: row!.expiresAt.toISOString(),
      });
      return row!;
    });
  }

  /** The active organisation's open invitations, newest first. */
  async ofOrganization(principal: Principal): Promise<InvitationRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) =>
      tx.select().from(invitations).where(and(eq(invitations.status, 'pending'), gt(invitations.expiresAt, new Date()))).orderBy(desc(invitations.createdAt)),
    );
  }

  async revoke(principal: Principal, invitationId: string): Promise<InvitationRow> {
    const claimed = actorOrThrow(principal);
    const id = uuidOrThrow(invitationId, 'invitationId');
    return inTenant(this.db, { orgId: claimed.orgId, userId: claimed.userId }, async (tx) => {
      await memberManagerNowOrThrow(tx, claimed);
      const open = await this.openOrThrow(tx, id);
      const [row] = await tx.update(invitations).set({ status: 'revoked', respondedAt: new Date() }).where(eq(invitations.id, open.id)).returning();
      return row!;
    });
  }

  /** The open invitations to the caller's own address (identity vouches for it), newest first. */
  async mine(principal: Principal, principalToken: string): Promise<InvitationRow[]> {
    const { userId, email } = await this.invitee(principal, principalToken);
    return inTenant(this.db, { orgId: null, userId }, async (tx) => {
      await setLocal(tx, 'app.invitee_email', email);
      return tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.email, email), eq(invitations.status, 'pending'), gt(invitations.expiresAt, new Date())))
        .orderBy(desc(invitations.createdAt));
    });
  }

  /** Joins the organisation with the role offered; the person's rights there change, so their epoch is raised. */
  async accept(principal: Principal, principalToken: string, invitationId: string): Promise<MembershipRow> {
    const { userId, email } = await this.invitee(principal, principalToken);
    const id = uuidOrThrow(invitationId, 'invitationId');
    const invitation = await this.visibleToInviteeOrThrow(userId, email, id);
    await this.rights.membershipChanged(userId, invitation.orgId);
    try {
      return await this.answer(userId, email, id, 'accepted', async (tx, open) => {
        const [joined] = await tx.insert(memberships).values({ orgId: open.orgId, userId, role: open.role }).onConflictDoNothing().returning();
        if (joined) {
          await recordMembershipChanged(tx, joined, null, null);
          return joined;
        }
        const [existing] = await tx.select().from(memberships).where(and(eq(memberships.orgId, open.orgId), eq(memberships.userId, userId)));
        return existing!;
      });
    } finally {
      await this.rights.membershipChanged(userId, invitation.orgId);
    }
  }

  async decline(principal: Principal, principalToken: string, invitationId: string): Promise<InvitationRow> {
    const { userId, email } = await this.invitee(principal, principalToken);
    const id = uuidOrThrow(invitationId, 'invitationId');
    return this.answer(userId, email, id, 'declined', async (tx, open) => {
      const [row] = await tx.select().from(invitations).where(eq(invitations.id, open.id));
      return row!;
    });
  }

  private async invitee(principal: Principal, principalToken: string): Promise<{ userId: string; email: string }> {
    if (principal.kind !== 'user') throw appError('FORBIDDEN', 'Only a person can have invitations');
    const email = await this.users.ownEmail(principalToken);
    if (!email) throw appError('NOT_FOUND', 'Your account could not be found');
    return { userId: principal.userId, email };
  }

  private async visibleToInviteeOrThrow(userId: string, email: string, id: string): Promise<InvitationRow> {
    const [row] = await inTenant(this.db, { orgId: null, userId }, async (tx) => {
      await setLocal(tx, 'app.invitee_email', email);
      return tx.select().from(invitations).where(eq(invitations.id, id));
    });
    if (!row) throw appError('NOT_FOUND', 'No such invitation');
    return row;
  }

  /** Reads the invitation as its invitee, then acts on it inside its organisation, in one transaction. */
  private async answer<T>(userId: string, email: string, id: string, status: 'accepted' | 'declined', effect: (tx: Tx, open: InvitationRow) => Promise<T>): Promise<T> {
    return inTenant(this.db, { orgId: null, userId }, async (tx) => {
      await setLocal(tx, 'app.invitee_email', email);
      const [row] = await tx.select().from(invitations).where(eq(invitations.id, id));
      if (!row) throw appError('NOT_FOUND', 'No such invitation');
      await setTenant(tx, { orgId: row.orgId, userId });
      const open = await this.openOrThrow(tx, id);
      await tx.update(invitations).set({ status, respondedAt: new Date() }).where(eq(invitations.id, id));
      return effect(tx, open);
    });
  }

  /** Locks an invitation of the current tenant that is still open; says why when it is not. */
  private async openOrThrow(tx: Tx, id: string): Promise<InvitationRow> {
    const [row] = await tx.select().from(invitations).where(eq(invitations.id, id)).for('update');
    if (!row) throw appError('NOT_FOUND', 'No such invitation');
    const state = invitationState(row);
    const reason = closedReason(state);
    if (reason) throw appError('INVITATION_CLOSED', reason, { reason: state });
    return row;
  }
}
