import { HttpError, answer, gatewayPrincipalOrThrow, readJson, type InternalRoute } from '@etika/kit';
import { principalScopes } from '@etika/schema';
import type { ApiKeyService } from './api-key/api-key.service.ts';
import type { UserService } from './user/user.service.ts';

type Key = Parameters<typeof gatewayPrincipalOrThrow>[1];

/**
 * Questions other parts ask identity outside the graph:
 * - the gateway: "whose is this API key?" (authenticated by the gateway's own token);
 * - org: "who has this email?" when adding a member (the member-manager's relayed principal token).
 */
export function identityInternalRoutes(gatewayKey: Key, apiKeys: ApiKeyService, users: UserService): Record<string, InternalRoute> {
  return {
    '/internal/api-keys/verify': async (req, res) => {
      if (req.method !== 'POST') throw new HttpError(405, 'POST only', 'BAD_REQUEST');
      await gatewayPrincipalOrThrow(req, gatewayKey);
      const body = (await readJson(req)) as { key?: unknown };
      if (typeof body.key !== 'string' || body.key.length > 200) throw new HttpError(400, 'key required', 'BAD_REQUEST');
      const verified = await apiKeys.verify(body.key);
      if (!verified) throw new HttpError(404, 'unknown, revoked or expired key', 'UNAUTHENTICATED');
      answer(res, verified);
    },
    '/internal/users/lookup': async (req, res, url) => {
      const principal = await gatewayPrincipalOrThrow(req, gatewayKey);
      if (!principalScopes(principal).includes('members:manage')) throw new HttpError(403, 'members:manage required', 'FORBIDDEN');
      const user = await users.byEmail(url.searchParams.get('email') ?? '');
      if (!user) throw new HttpError(404, 'no such user', 'NOT_FOUND');
      answer(res, { id: user.id, email: user.email });
    },
  };
}
