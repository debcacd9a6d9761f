import { HttpError, gatewayPrincipalOrThrow, internalRoute, type InternalRoute } from '@etika/kit';
import { INTERNAL_ROUTES } from '@etika/schema';
import type { ApiKeyService } from './api-key/api-key.service.ts';
import type { UserService } from './user/user.service.ts';

type Key = Parameters<typeof gatewayPrincipalOrThrow>[1];

/**
 * Questions other parts ask identity outside the graph (contracts in `@etika/schema`'s `INTERNAL_ROUTES`):
 * - the gateway: "whose is this API key?" (authenticated by the gateway's own token);
 * - org: "what is my address?" when a person lists or answers their invitations (their relayed principal token).
 */
export function identityInternalRoutes(gatewayKey: Key, apiKeys: ApiKeyService, users: UserService): Record<string, InternalRoute> {
  const { verifyApiKey, ownEmail } = INTERNAL_ROUTES;
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
    [ownEmail.path]: internalRoute(
      ownEmail,
      async (req) => {
        const principal = await gatewayPrincipalOrThrow(req, gatewayKey);
        if (principal.kind !== 'user') throw new HttpError(403, 'only a person has an address', 'FORBIDDEN');
        return principal.userId;
      },
      async (_request, userId) => {
        const [user] = await users.byIds([userId]);
        if (!user) throw new HttpError(404, 'no such user', 'NOT_FOUND');
        return { email: user.email };
      },
    ),
  };
}
