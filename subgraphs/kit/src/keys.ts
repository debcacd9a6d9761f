import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPair, type SigningKeyPair } from './tokens.ts';

/**
 * What one service needs of the platform's signing keys: its own pair when it signs something, and the public
 * keys of the services whose signatures it accepts. A service never holds another's private key.
 */
export interface ServiceKeys {
  readonly own: SigningKeyPair | null;
  readonly trusted: Readonly<Record<string, JsonWebKey>>;
}

/** Which keys a service needs: whether it signs, and whose signatures it accepts. */
export interface KeyNeeds {
  readonly signs: boolean;
  readonly trusts: readonly string[];
}

/** Every service's key pair, by service name: what a one-process platform or a test generates. */
export type KeyPairs = Readonly<Record<string, SigningKeyPair>>;

/** The key material, in JWK JSON, that the environment supplies: `<NAME>_PUBLIC_KEY` and `<NAME>_PRIVATE_KEY`. */
export type KeyEnv = Readonly<Record<string, string | undefined>>;

export const publicKeyVariable = (service: string) => `${service.toUpperCase()}_PUBLIC_KEY`;
export const privateKeyVariable = (service: string) => `${service.toUpperCase()}_PRIVATE_KEY`;

export function ownKeyOrThrow(keys: ServiceKeys): SigningKeyPair {
  if (!keys.own?.privateJwk) throw new Error('this service declares no signing key of its own');
  return keys.own;
}

export function trustedKeyOrThrow(keys: ServiceKeys, service: string): JsonWebKey {
  const key = keys.trusted[service];
  if (!key) throw new Error(`this service does not declare that it trusts ${service}`);
  return key;
}

/** Slices a service's keys out of every service's pairs (the one-process platform, tests). */
export function keysFor(pairs: KeyPairs, service: string, needs: KeyNeeds): ServiceKeys {
  const pairOrThrow = (name: string) => {
    const pair = pairs[name];
    if (!pair) throw new Error(`no signing key for ${name}`);
    return pair;
  };
  const own = needs.signs ? pairOrThrow(service) : null;
  const trusted = Object.fromEntries(needs.trusts.map((name) => [name, pairOrThrow(name).publicJwk]));
  return { own, trusted };
}

/** Generates a fresh pair for each named service (tests, benchmarks). */
export async function generateKeyPairs(services: readonly string[]): Promise<KeyPairs> {
  const pairs: Record<string, SigningKeyPair> = {};
  for (const name of services) pairs[name] = await generateSigningKeyPair();
  return pairs;
}

/**
 * A service's keys from the environment when every one it needs is there (production: only its own private key),
 * otherwise, outside production, from development keys under `<dataDir>/keys/<service>.json`, created on first
 * use so that `npm start` and services started alone agree without any set-up.
 */
export async function loadServiceKeys(
  service: string,
  needs: KeyNeeds,
  options: { readonly env: KeyEnv; readonly dataDir: string; readonly production: boolean },
): Promise<ServiceKeys> {
  const parse = (json: string | undefined) => (json ? (JSON.parse(json) as JsonWebKey) : undefined);
  const ownPrivate = parse(options.env[privateKeyVariable(service)]);
  const ownPublic = parse(options.env[publicKeyVariable(service)]);
  const trustedFromEnv = needs.trusts.map((name) => [name, parse(options.env[publicKeyVariable(name)])] as const);
  const complete = (!needs.signs || (ownPrivate && ownPublic)) && trustedFromEnv.every(([, key]) => key);
  if (complete) {
    return {
      own: needs.signs ? { publicJwk: ownPublic!, privateJwk: ownPrivate! } : null,
      trusted: Object.fromEntries(trustedFromEnv) as Record<string, JsonWebKey>,
    };
  }
  if (options.production) {
    const missing = [
      ...(needs.signs ? [publicKeyVariable(service), privateKeyVariable(service)] : []),
      ...needs.trusts.map(publicKeyVariable),
    ].filter((name) => !options.env[name]);
    throw new Error(`production needs ${missing.join(', ')}`);
  }
  const trusted: Record<string, JsonWebKey> = {};
  for (const name of needs.trusts) trusted[name] = (await developmentKeyPair(options.dataDir, name)).publicJwk;
  return { own: needs.signs ? await developmentKeyPair(options.dataDir, service) : null, trusted };
}

/** One file per service; of several processes creating it at once, one wins and every one reads it whole. */
async function developmentKeyPair(dataDir: string, service: string): Promise<SigningKeyPair> {
  const folder = join(dataDir, 'keys');
  const file = join(folder, `${service}.json`);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const draft = `${file}.${process.pid}.tmp`;
    writeFileSync(draft, JSON.stringify(await generateSigningKeyPair(), null, 2), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SigningKeyPair;
}
