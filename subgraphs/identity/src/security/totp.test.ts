import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B, SHA-1: the ASCII key "12345678901234567890", 8 digits
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at %i s the code is %s', (seconds, code) => {
    expect(hotp(base32Decode(RFC_SECRET), Math.floor(seconds / 30), 8)).toBe(code);
    expect(verifyTotp({ secret: RFC_SECRET, code, now: seconds * 1000, lastUsedStep: null, digits: 8 })).toEqual({ ok: true, step: Math.floor(seconds / 30) });
  });

  const secret = generateTotpSecret();
  const now = 1_700_000_000_000;
  const step = Math.floor(now / 30_000);
  const code = (s: number) => hotp(base32Decode(secret), s);

  it('accepts one step back, refuses two back and the future', () => {
    expect(verifyTotp({ secret, code: code(step - 1), now, lastUsedStep: null })).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp({ secret, code: code(step - 2), now, lastUsedStep: null }).ok).toBe(false);
    expect(verifyTotp({ secret, code: code(step + 1), now, lastUsedStep: null }).ok).toBe(false);
  });

  it('refuses a code whose step was already used, and older ones after it', () => {
    expect(verifyTotp({ secret, code: code(step), now, lastUsedStep: step })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp({ secret, code: code(step - 1), now, lastUsedStep: step })).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses malformed codes', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef']) expect(verifyTotp({ secret, code: bad, now, lastUsedStep: null }).ok).toBe(false);
  });

  it('round-trips base32 and writes an otpauth URI apps accept', () => {
    expect(base32Decode(base32Encode(Buffer.from('hello world'))).toString()).toBe('hello world');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri({ issuer: 'Etika', account: 'ann@example.com', secret }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Etika:ann@example.com');
  });
});
