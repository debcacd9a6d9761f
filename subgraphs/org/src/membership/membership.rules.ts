import { ROLE_RANK, type Role } from '@etika/schema';
import type { ErrorCode } from '@etika/kit';

export interface RuleViolation {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * May `actor` give `target` the role `next` (null = remove them)? Pure, so the rules have their own tests:
 * nobody grants or touches a role above their own; only owners make owners; the last owner stays.
 */
export function memberChangeViolation(args: {
  actorRole: Role;
  targetRole: Role;
  next: Role | null;
  ownerCount: number;
  selfChange: boolean;
}): RuleViolation | null {
  const { actorRole, targetRole, next, ownerCount, selfChange } = args;
  const actorRank = ROLE_RANK[actorRole];
  if (!selfChange && ROLE_RANK[targetRole] > actorRank) {
    return { code: 'FORBIDDEN', message: 'You cannot change someone whose role is above yours' };
  }
  if (next && ROLE_RANK[next] > actorRank) return { code: 'FORBIDDEN', message: `You cannot make someone ${next}` };
  if (next === 'owner' && actorRole !== 'owner') return { code: 'FORBIDDEN', message: 'Only an owner can make an owner' };
  if (targetRole === 'owner' && next !== 'owner' && ownerCount <= 1) {
    return { code: 'LAST_OWNER', message: 'An organisation needs at least one owner; make someone else owner first' };
  }
  return null;
}
