import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { REFRESH_TOKEN_PREFIX } from '@etika/schema';
import { normaliseEmail } from '@etika/schema';
import { generateApiKey, generateOpaqueToken, generateRecoveryCodes, hashRecoveryCode, parseApiKey } from './tokens.ts';

describe('passwords', () => {
  it('hash with argon2id at or above OWASP parameters and verify only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A')).toBe(true);
  });

  it('policy: length in characters and bytes, not only spaces', () => {
    expect(checkPasswordPolicy('short')).toMatch(/at least/);
    expect(checkPasswordPolicy(' '.repeat(12))).toMatch(/spaces/);
    expect(checkPasswordPolicy('é'.repeat(200))).toMatch(/at most/);
    expect(checkPasswordPolicy('a perfectly fine passphrase')).toBeNull();
  });
});

describe('API keys', () => {
  it('have a visible prefix and parse back to the same hash', () => {
    const k = generateApiKey();
    expect(k.key.startsWith(`${k.prefix}_`)).toBe(true);
    expect(parseApiKey(k.key)).toEqual({ prefix: k.prefix, hash: k.hash });
    expect(k.hash).not.toContain(k.key.slice(-10));
  });

  it.each(['', 'etk_live_short', 'etk_test_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Bearer xyz'])('refuses %j', (bad) => {
    expect(parseApiKey(bad)).toBeNull();
  });
});

describe('opaque tokens, recovery codes, emails', () => {
  it('refresh tokens are recognisable and random', () => {
    const a = generateOpaqueToken();
    expect(a.token.startsWith(REFRESH_TOKEN_PREFIX)).toBe(true);
    expect(generateOpaqueToken().token).not.toBe(a.token);
  });

  it('recovery codes are distinct Crockford base32 and ignore case, spaces, dashes and look-alikes', () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    const code = codes[0]!;
    expect(hashRecoveryCode(` ${code.toUpperCase().replace('-', ' ')} `)).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode('0o1il-abcde')).toBe(hashRecoveryCode('00111-abcde'));
    expect(hashRecoveryCode('00111-abcde')).not.toBe(hashRecoveryCode('00112-abcde'));
  });

  it('an unreadable stored hash needs rehashing rather than crashing sign-in', () => {
    expect(needsRehash('not a hash')).toBe(true);
  });

  it.each([
    [' Ann@Example.COM ', 'ann@example.com'],
    ['no-at-sign', null],
    ['two@@example.com', null],
    [`${'a'.repeat(250)}@x.io`, null],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });
});
