import { SERVICE_TOKEN_HEADER, callInternal, signServiceToken } from '@etika/kit';
import { INTERNAL_ROUTES, type Role } from '@etika/schema';

export interface MembershipSummary {
  readonly orgId: string;
  readonly role: Role;
}

/** What identity needs to know from org: a user's memberships, to put the active one into a token. */
export interface MembershipDirectory {
  membershipsOf(userId: string): Promise<MembershipSummary[]>;
}

type Key = Parameters<typeof signServiceToken>[0];

/** Asks the org subgraph over HTTP, with a 30-second token identity signs for that one user. */
export function httpMembershipDirectory(orgBaseUrl: () => string, identityKey: Key): MembershipDirectory {
  return {
    async membershipsOf(userId) {
      const token = await signServiceToken(identityKey, userId);
      const body = await callInternal(orgBaseUrl(), INTERNAL_ROUTES.memberships, { user: userId }, { [SERVICE_TOKEN_HEADER]: token });
      return body?.memberships ?? [];
    },
  };
}
