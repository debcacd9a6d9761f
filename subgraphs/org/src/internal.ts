import { HttpError, gatewayPrincipalOrThrow, internalRoute, serviceUserOrThrow, type InternalRoute } from '@etika/kit';
import { INTERNAL_ROUTES, isRole, principalOrgId } from '@etika/schema';
import type { MembershipService } from './membership/membership.service.ts';

type Key = Parameters<typeof serviceUserOrThrow>[1];

/**
 * Questions other parts ask org outside the graph (contracts in `@etika/schema`'s `INTERNAL_ROUTES`):
 * - identity asks, when it issues a token, which organisations a user belongs to and as what;
 * - other subgraphs ask, with the caller's relayed principal token, whether someone belongs to its organisation.
 */
export function orgInternalRoutes(identityKey: Key, gatewayKey: Key, memberships: MembershipService): Record<string, InternalRoute> {
  const { checkMember, memberships: membershipsOf } = INTERNAL_ROUTES;
  return {
    [checkMember.path]: internalRoute(
      checkMember,
      async (req) => {
        const orgId = principalOrgId(await gatewayPrincipalOrThrow(req, gatewayKey));
        if (!orgId) throw new HttpError(403, 'no organisation', 'FORBIDDEN');
        return orgId;
      },
      async ({ user }, orgId) => ({ member: await memberships.isMember(orgId, user) }),
    ),
    [membershipsOf.path]: internalRoute(
      membershipsOf,
      (req) => serviceUserOrThrow(req, identityKey),
      async ({ user }, tokenUser) => {
        if (user !== tokenUser) throw new HttpError(403, 'a service token speaks only for its own user', 'FORBIDDEN');
        const rows = await memberships.ofUserForTokens(user);
        return { memberships: rows.flatMap((m) => (isRole(m.role) ? [{ orgId: m.orgId, role: m.role }] : [])) };
      },
    ),
  };
}
