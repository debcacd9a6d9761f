import { HttpError, gatewayPrincipalOrThrow, internalRoute, type InternalRoute } from '@etika/kit';
import { INTERNAL_ROUTES, principalScopes } from '@etika/schema';
import type { ApiKeyService } from './api-key/api-key.service.ts';
import type { UserService } from './user/user.service.ts';

type Key = Parameters<typeof gatewayPrincipalOrThrow>[1];

/**
 * Questions other parts ask identity outside the graph (contracts in `@etika/schema`'s `INTERNAL_ROUTES`):
 * - the gateway: "whose is this API key?" (authenticated by the gateway's own token);
 * - org: "who has this email?" when adding a member (the member-manager's relayed principal token).
 */
export function identityInternalRoutes(gatewayKey: Key, apiKeys: ApiKeyService, users: UserService): Record<string, InternalRoute> {
  const { verifyApiKey, lookupUser } = INTERNAL_ROUTES;
  return {
    [verifyApiKey.path]: internalRoute(
      verifyApiKey,
      (req) => gatewayPrincipalOrThrow(req, gatewayKey),
      async ({ key }) => {
        const verified = await apiKeys.verify(key);
        if (!verified) throw new HttpError(404, 'unknown, revoked or expired key', 'UNAUTHENTICATED');
        return verified;
      },
    ),
    [lookupUser.path]: internalRoute(
      lookupUser,
      async (req) => {
        const principal = await gatewayPrincipalOrThrow(req, gatewayKey);
        if (!principalScopes(principal).includes('members:manage')) throw new HttpError(403, 'members:manage required', 'FORBIDDEN');
      },
      async ({ email }) => {
        const user = await users.byEmail(email);
        if (!user) throw new HttpError(404, 'no such user', 'NOT_FOUND');
        return { id: user.id, email: user.email };
      },
    ),
  };
}
