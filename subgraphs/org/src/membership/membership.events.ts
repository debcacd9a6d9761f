import { recordEvent, type Tx } from '@etika/kit';
import { EVENT_TYPES, isRole, type OrgMembershipChanged } from '@etika/schema';

/**
 * Records `org.membership.changed` in the transaction of the change: a person joined (`previousRole` null), was given
 * another role, or left or was removed (`role` null). `actorId` is null when the person did it themselves.
 */
export async function recordMembershipChanged(tx: Tx, membership: { id: string; orgId: string; userId: string; role: string | null }, previousRole: string | null, actorId: string | null): Promise<void> {
  const role = membership.role !== null && isRole(membership.role) ? membership.role : null;
  const previous = previousRole !== null && isRole(previousRole) ? previousRole : null;
  await recordEvent<OrgMembershipChanged>(tx, 'org', EVENT_TYPES.orgMembershipChanged, membership.orgId, { membershipId: membership.id, orgId: membership.orgId, userId: membership.userId, role, previousRole: previous, actorId });
}
