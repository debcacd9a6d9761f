import { HttpError, answer, gatewayPrincipalOrThrow, serviceUserOrThrow, uuidOrThrow, type InternalRoute } from '@etika/kit';
import { principalOrgId } from '@etika/schema';
import type { MembershipService } from './membership/membership.service.ts';

type Key = Parameters<typeof serviceUserOrThrow>[1];

/**
 * - identity asks, when it issues a token, which organisations a user belongs to and as what;
 * - other subgraphs ask, with the caller's relayed principal token, whether someone belongs to its organisation.
 */
export function orgInternalRoutes(identityKey: Key, gatewayKey: Key, memberships: MembershipService): Record<string, InternalRoute> {
  return {
    '/internal/members/check': async (req, res, url) => {
      const principal = await gatewayPrincipalOrThrow(req, gatewayKey);
      const orgId = principalOrgId(principal);
      if (!orgId) throw new HttpError(403, 'no organisation', 'FORBIDDEN');
      const userId = uuidOrThrow(url.searchParams.get('user') ?? '', 'user');
      answer(res, { member: await memberships.isMember(orgId, userId) });
    },
    '/internal/memberships': async (req, res, url) => {
      const userId = await serviceUserOrThrow(req, identityKey);
      const asked = url.searchParams.get('user') ?? '';
      if (asked !== userId) throw new HttpError(403, 'a service token speaks only for its own user', 'FORBIDDEN');
      answer(res, { memberships: await memberships.ofUserForTokens(uuidOrThrow(asked, 'user')) });
    },
  };
}
