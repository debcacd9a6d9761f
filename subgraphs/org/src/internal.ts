import { HttpError, answer, serviceUserOrThrow, uuidOrThrow, type InternalRoute } from '@etika/kit';
import type { MembershipService } from './membership/membership.service.ts';

type Key = Parameters<typeof serviceUserOrThrow>[1];

/** identity asks, when it issues a token, which organisations a user belongs to and as what. */
export function orgInternalRoutes(identityKey: Key, memberships: MembershipService): Record<string, InternalRoute> {
  return {
    '/internal/memberships': async (req, res, url) => {
      const userId = await serviceUserOrThrow(req, identityKey);
      const asked = url.searchParams.get('user') ?? '';
      if (asked !== userId) throw new HttpError(403, 'a service token speaks only for its own user', 'FORBIDDEN');
      answer(res, { memberships: await memberships.ofUserForTokens(uuidOrThrow(asked, 'user')) });
    },
  };
}
