import type { MembershipRow } from './membership.service.ts';
import { MemberRole, Membership } from './membership.type.ts';

/** A membership as resolvers pass it on: its organisation and user are resolved by their own field resolvers. */
export type MembershipModel = Membership & { orgId: string; userId: string };

export function toMembership(row: MembershipRow): MembershipModel {
  return { id: row.id, orgId: row.orgId, userId: row.userId, role: row.role as MemberRole, joinedAt: row.createdAt } as MembershipModel;
}
