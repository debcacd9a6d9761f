import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { generateSigningKeyPair, type SigningKeyPair } from './tokens.ts';

/** The repository root: the default home of `.data` whichever workspace a process starts from. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Settings every subgraph process shares. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default(join(REPO_ROOT, '.data')),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  HOST: z.string().default('127.0.0.1'),
  /** JWK (JSON) of the gateway's Ed25519 public key, which signs principal tokens. */
  GATEWAY_PUBLIC_KEY: z.string().optional(),
  GATEWAY_PRIVATE_KEY: z.string().optional(),
  /** JWK (JSON) of identity's Ed25519 keys, which sign access tokens and internal service calls. */
  IDENTITY_PUBLIC_KEY: z.string().optional(),
  IDENTITY_PRIVATE_KEY: z.string().optional(),
  /** JWK (JSON) of the chain's Ed25519 checkpoint-signing keys. */
  CHAIN_PUBLIC_KEY: z.string().optional(),
  CHAIN_PRIVATE_KEY: z.string().optional(),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/**
 * Parses `process.env` (the only place it is read) with a schema, reporting every problem at once. A process
 * with a bad environment exits at start-up instead of failing on its first request.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  process.stderr.write(`Invalid environment:\n${problems}\n`);
  process.exit(1);
}

/** Every key the platform signs with. */
export interface PlatformKeys {
  readonly gateway: SigningKeyPair;
  readonly identity: SigningKeyPair;
  /** Signs the chain's checkpoints. */
  readonly chain: SigningKeyPair;
}

type KeyFile = { -readonly [K in keyof PlatformKeys]: PlatformKeys[K] };

/**
 * The platform's signing keys: from the environment when set (production), otherwise from `<DATA_DIR>/keys.json`,
 * created on first use, so `npm start` and a subgraph started alone agree without any set-up. Production refuses
 * to run on generated keys.
 */
export async function loadPlatformKeys(env: BaseEnv): Promise<PlatformKeys> {
  const fromEnv = (pub?: string, priv?: string): SigningKeyPair | null =>
    pub ? { publicJwk: JSON.parse(pub) as JsonWebKey, privateJwk: priv ? (JSON.parse(priv) as JsonWebKey) : null } : null;
  const gateway = fromEnv(env.GATEWAY_PUBLIC_KEY, env.GATEWAY_PRIVATE_KEY);
  const identity = fromEnv(env.IDENTITY_PUBLIC_KEY, env.IDENTITY_PRIVATE_KEY);
  const chain = fromEnv(env.CHAIN_PUBLIC_KEY, env.CHAIN_PRIVATE_KEY);
  if (gateway && identity && chain) return { gateway, identity, chain };
  if (env.NODE_ENV === 'production') {
    process.stderr.write('GATEWAY_PUBLIC_KEY, IDENTITY_PUBLIC_KEY and CHAIN_PUBLIC_KEY must be set in production\n');
    process.exit(1);
  }
  const file = join(env.DATA_DIR, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    const keys: KeyFile = { gateway: await generateSigningKeyPair(), identity: await generateSigningKeyPair(), chain: await generateSigningKeyPair() };
    // written aside and linked into place: of several processes starting at once, one wins and all read it whole
    const draft = `${file}.${process.pid}.tmp`;
    writeFileSync(draft, JSON.stringify(keys, null, 2), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  return { gateway: gateway ?? stored.gateway, identity: identity ?? stored.identity, chain: chain ?? stored.chain };
}
