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

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const MAX_ORG_NAME = 100;

/** Branding the web app turns into a theme; checked here so no stored value can break a page. */
export function brandingViolation(branding: { name?: string | undefined; brandColor?: string | null | undefined; logoUrl?: string | null | undefined }): RuleViolation & { field: string } | null {
  if (branding.name !== undefined) {
    const name = branding.name.trim();
    if (name.length === 0 || name.length > MAX_ORG_NAME) {
      return { code: 'BAD_USER_INPUT', field: 'name', message: `The name needs 1 to ${MAX_ORG_NAME} characters` };
    }
  }
  if (branding.brandColor && !HEX_COLOR.test(branding.brandColor)) {
    return { code: 'BAD_USER_INPUT', field: 'brandColor', message: 'The brand colour must look like #1a2b3c' };
  }
  if (branding.logoUrl) {
    let url: URL | null = null;
    try {
      url = new URL(branding.logoUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || branding.logoUrl.length > 2048) {
      return { code: 'BAD_USER_INPUT', field: 'logoUrl', message: 'The logo must be an https:// address' };
    }
  }
  return null;
}
