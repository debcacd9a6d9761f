import { z } from 'zod';
import { ROLES, SCOPES } from './permissions.ts';

/** Every partner API key starts so: `etk_live_<8-character visible prefix>_<secret>`. */
export const API_KEY_PREFIX = 'etk_';
export const LIVE_API_KEY_PREFIX = `${API_KEY_PREFIX}live_`;
/** Refresh tokens carry a prefix so that one presented as an access token is recognised and refused. */
export const REFRESH_TOKEN_PREFIX = 'etr_';

/**
 * The claims of an access token identity signs (issuer `etika:identity`, audience `etika:api`) besides the
 * registered ones: who (`sub`), which session, the active organisation, the role there and the scopes it grants.
 */
export const accessTokenClaims = z.object({
  sub: z.string().uuid(),
  sid: z.string().uuid(),
  org: z.string().uuid().nullable(),
  role: z.enum(ROLES).nullable(),
  scp: z.array(z.enum(SCOPES)),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;
