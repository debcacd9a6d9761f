import { PRINCIPAL_HEADER } from '@etika/schema';
import { callInternal } from '@etika/kit';

/** Is this person a member of the caller's organisation? Asked of org with the caller's principal token. */
export interface MemberDirectory {
  isMember(userId: string, principalToken: string, orgId: string): Promise<boolean>;
}

/** Memberships rarely change within a minute: positive answers are kept that long. */
export function httpMemberDirectory(orgBaseUrl: () => string, ttlMs = 60_000): MemberDirectory {
  const known = new Map<string, number>();
  return {
    async isMember(userId, principalToken, orgId) {
      const key = `${orgId}:${userId}`;
      if ((known.get(key) ?? 0) > Date.now()) return true;
      const url = new URL('/internal/members/check', orgBaseUrl());
      url.searchParams.set('user', userId);
      const answer = await callInternal<{ member: boolean }>(url.toString(), { [PRINCIPAL_HEADER]: principalToken });
      if (answer?.member) {
        if (known.size > 50_000) known.clear();
        known.set(key, Date.now() + ttlMs);
      }
      return answer?.member === true;
    },
  };
}
