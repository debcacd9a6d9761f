import { randomBytes } from 'node:crypto';
import { LOCALES, type Locale } from '@etika/schema';
import { sha256Hex } from '../security/tokens.ts';

/** How long a mailed link works: a day to confirm a sign-up, an hour to reset a password. */
export const LINK_LIFETIME_MS = { 'sign-up': 24 * 3600_000, 'reset-password': 3600_000 } as const;
export type LinkPurpose = keyof typeof LINK_LIFETIME_MS;

/** Per mailbox: how many links may be asked for in an hour (each is a mail); per client address, identity's sign-up limit. */
export const LINKS_PER_EMAIL = { max: 5, windowSeconds: 3600 };

/** A link's secret: 256 random bits, in the URL; only its hash is stored. */
export function generateLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

export const hashLinkToken = sha256Hex;

export function localeOrDefault(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : 'en';
}

/** Whether a stored link may be used now. */
export function linkUsable(link: { usedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return link.usedAt === null && link.expiresAt > now;
}
