import { INTERNAL_ROUTES, PRINCIPAL_HEADER } from '@etika/schema';
import { BoundedCache, callInternal, type Rights } from '@etika/kit';

/** Is this person a member of the caller's organisation? Asked of org with the caller's principal token. */
export interface MemberDirectory {
  isMember(userId: string, principalToken: string, orgId: string): Promise<boolean>;
}

/**
 * Memberships rarely change within a minute: positive answers are kept that long, under the (user, organisation)
 * membership epoch, which org raises on every change of that membership, so a removal is never served stale.
 */
export function httpMemberDirectory(orgBaseUrl: () => string, rights: Rights, ttlMs = 60_000): MemberDirectory {
  const known = new BoundedCache<string, true>(50_000, { ttlMs });
  return {
    async isMember(userId, principalToken, orgId) {
      const key = `${orgId}:${userId}:${await rights.membershipEpoch(userId, orgId)}`;
      if (known.get(key)) return true;
      const answer = await callInternal(orgBaseUrl(), INTERNAL_ROUTES.checkMember, { user: userId }, { [PRINCIPAL_HEADER]: principalToken });
      if (answer?.member) known.set(key, true);
      return answer?.member === true;
    },
  };
}
