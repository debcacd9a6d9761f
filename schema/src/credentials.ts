import { z } from 'zod';
import { ROLES, SCOPES } from './permissions.ts';

/** Every partner API key starts so: `etk_live_<8-character visible prefix>_<secret>`. */
export const API_KEY_PREFIX = 'etk_';
export const LIVE_API_KEY_PREFIX = `${API_KEY_PREFIX}live_`;
/** Refresh tokens carry a prefix so that one presented as an access token is recognised and refused. */
export const REFRESH_TOKEN_PREFIX = 'etr_';

/**
 * The claims of an access token identity signs (issuer `etika:identity`, audience `etika:api`) besides the
 * registered ones: who (`sub`), which session, the active organisation, the role there, the scopes it grants and
 * the membership epoch its rights were read at.
 */
export const accessTokenClaims = z.object({
  sub: z.string().uuid(),
  sid: z.string().uuid(),
  org: z.string().uuid().nullable(),
  role: z.enum(ROLES).nullable(),
  scp: z.array(z.enum(SCOPES)),
  /** The (user, organisation) membership epoch read before the membership: a later change refuses the token. */
  ep: z.number().int().nonnegative(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

/** One spelling of an email address for every part that compares them (identity's accounts, org's invitations). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed, NFC, lower-cased; null when it is not an address (or longer than 254 characters). */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().normalize('NFC').toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}
