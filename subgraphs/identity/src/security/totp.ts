import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 TOTP with HMAC-SHA1, 30-second steps: what every authenticator app speaks. */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('invalid base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 160 random bits, as RFC 4226 recommends, base32 without padding. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function otpauthUri(args: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(args.issuer)}:${encodeURIComponent(args.account)}`;
  const params = new URLSearchParams({ secret: args.secret, issuer: args.issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The HOTP value (RFC 4226) of a counter, zero-padded to `digits`. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

export type TotpResult = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * Accepts the code of the current step or of the one before (clock drift and slow typing), never two steps back
 * or a future step. A step at or before `lastUsedStep` is a replay: the same code is never accepted twice, nor an
 * older code once a newer one was used.
 */
export function verifyTotp(args: { secret: string; code: string; now: number; lastUsedStep: number | null; digits?: number }): TotpResult {
  const digits = args.digits ?? TOTP_DIGITS;
  const code = args.code.replace(/\s/g, '');
  if (!/^\d+$/.test(code) || code.length !== digits) return { ok: false, reason: 'invalid' };
  let key: Buffer;
  try {
    key = base32Decode(args.secret);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const current = totpStep(args.now);
  // both steps are always computed and compared, so timing does not tell which one matched
  const matches = [current, current - 1].map((step) => ({ step, ok: timingSafeEqual(Buffer.from(hotp(key, step, digits)), Buffer.from(code)) }));
  const match = matches.find((m) => m.ok);
  if (!match) return { ok: false, reason: 'invalid' };
  if (args.lastUsedStep !== null && match.step <= args.lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: match.step };
}
