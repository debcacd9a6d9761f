import { createHash, randomBytes } from 'node:crypto';
import { LIVE_API_KEY_PREFIX, REFRESH_TOKEN_PREFIX } from '@etika/schema';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

// ---- refresh tokens -------------------------------------------------------------------------------------------

export function generateOpaqueToken(): { token: string; hash: string } {
  const token = `${REFRESH_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

export const hashOpaqueToken = sha256Hex;

// ---- recovery codes -------------------------------------------------------------------------------------------

/** Crockford's base32 in lower case: 32 symbols (so `byte % 32` is unbiased), no i, l, o or u. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Ten distinct codes of 50 random bits each, `xxxxx-xxxxx`. */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const chars = [...randomBytes(10)].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
    codes.add(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return [...codes];
}

/** As Crockford's base32 reads it: case, spaces and dashes do not matter, o is 0, i and l are 1. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(code.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1'));
}

// ---- partner API keys -----------------------------------------------------------------------------------------

const API_KEY_PATTERN = new RegExp(`^${LIVE_API_KEY_PREFIX}([a-z0-9]{8})_([A-Za-z0-9_-]{43})$`);

/** `etk_live_<8-char visible prefix>_<256-bit secret>`; only the SHA-256 of the whole key is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(8).toString('hex').slice(0, 8);
  const key = `${LIVE_API_KEY_PREFIX}${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: `${LIVE_API_KEY_PREFIX}${prefix}`, hash: sha256Hex(key) };
}

export function parseApiKey(presented: string): { prefix: string; hash: string } | null {
  const match = API_KEY_PATTERN.exec(presented);
  if (!match) return null;
  return { prefix: `${LIVE_API_KEY_PREFIX}${match[1]}`, hash: sha256Hex(presented) };
}


// ---- email ----------------------------------------------------------------------------------------------------

