import { ROLE_RANK, isRole, type Role } from '@etika/schema/permissions';
import type { MemberRole } from '../../gql/graphql.ts';

export const MEMBER_ROLES: readonly MemberRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'];

const roleOf = (r: MemberRole): Role => r.toLowerCase() as Role;

/**
 * The roles `actor` may give, as the API enforces them: nobody grants a role above their own, and only owners
 * make owners.
 */
export function grantableRoles(actor: string | null): MemberRole[] {
  if (!actor || !isRole(actor)) return [];
  return MEMBER_ROLES.filter((r) => ROLE_RANK[roleOf(r)] <= ROLE_RANK[actor] && (r !== 'OWNER' || actor === 'owner'));
}

/**
 * May `actor` change or remove the member with role `target`? Nobody touches a role above their own, only owners
 * touch owners, and one's own membership is left from the organisation's settings, not here.
 */
export function mayManage(actor: string | null, target: MemberRole, self: boolean): boolean {
  if (self || !actor || !isRole(actor)) return false;
  if (target === 'OWNER' && actor !== 'owner') return false;
  return ROLE_RANK[roleOf(target)] <= ROLE_RANK[actor];
}
