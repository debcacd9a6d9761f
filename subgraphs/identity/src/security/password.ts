import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';

/** argon2id above OWASP's minimum (m=19 MiB, t=2, p=1): 19 MiB, three passes. */
export const PASSWORD_HASH_OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 3, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;
/** Bounded so nobody can make the server hash megabytes. */
export const MAX_PASSWORD_BYTES = 256;

/** Why a new password is refused, in words for a person; null when it is acceptable. */
export function checkPasswordPolicy(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return `Use at most ${MAX_PASSWORD_BYTES} bytes`;
  if (password.trim().length === 0) return 'A password cannot be only spaces';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's (rehash at next sign-in). */
export function needsRehash(stored: string): boolean {
  let o: ReturnType<typeof parseOptions>;
  try {
    o = parseOptions(stored);
  } catch {
    return true;
  }
  return (
    o.algorithm !== PASSWORD_HASH_OPTIONS.algorithm ||
    o.memoryCost < PASSWORD_HASH_OPTIONS.memoryCost! ||
    o.timeCost < PASSWORD_HASH_OPTIONS.timeCost!
  );
}

let dummy: Promise<string> | null = null;

/** Spends the same time as a real check, so an unknown email cannot be told apart by timing; always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('dummy password that matches nothing');
  await verifyPassword(await dummy, password);
  return false;
}
