import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SUPERGRAPH_PATH } from '@etika/schema';
import { keyNeedsOf, type SubgraphDescriptor } from './descriptor.ts';
import { privateKeyVariable, publicKeyVariable, type KeyEnv } from './keys.ts';
import { RIGHTS_GRACE_SECONDS } from './rights.ts';

/** The repository root: the default home of `.data` whichever workspace a process starts from. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Settings every process of the platform shares. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default(join(REPO_ROOT, '.data')),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  HOST: z.string().default('127.0.0.1'),
  /** Seconds the rights last read from Redis are still served while Redis cannot be reached (0: refuse at once). */
  RIGHTS_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(RIGHTS_GRACE_SECONDS),
  /** The composed supergraph: the gateway serves it; a subgraph alone finds the services it calls in it. */
  SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_PATH),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** `<NAME>_URL`: where a service answers (its base URL), overriding the address composed into the supergraph. */
export const serviceUrlVariable = (service: string) => `${service.toUpperCase()}_URL`;

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

/** `<NAME>_URL` for each named service, when set. */
export function serviceUrlsFromEnv(services: readonly string[], source: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const schema = z.object(Object.fromEntries(services.map((s) => [serviceUrlVariable(s), z.string().url().optional()])));
  const parsed = parseEnv(schema, source) as Record<string, string | undefined>;
  return Object.fromEntries(services.map((s) => [s, parsed[serviceUrlVariable(s)]]));
}

/** `<NAME>_PUBLIC_KEY` of each named service and `<SELF>_PRIVATE_KEY`, as JWK JSON, when set. */
export function keyEnvFor(self: string, services: readonly string[], source: NodeJS.ProcessEnv = process.env): KeyEnv {
  const names = [privateKeyVariable(self), ...[self, ...services].map(publicKeyVariable)];
  const json = z.string().refine((v) => {
    try {
      return typeof JSON.parse(v) === 'object';
    } catch {
      return false;
    }
  }, 'must be a JWK in JSON');
  return parseEnv(z.object(Object.fromEntries(names.map((n) => [n, json.optional()]))), source) as KeyEnv;
}

export interface SubgraphEnv {
  readonly base: BaseEnv;
  readonly port: number;
  /** Base URLs of the services it calls, where `<NAME>_URL` sets them. */
  readonly peers: Readonly<Record<string, string | undefined>>;
  /** The descriptor's own settings, parsed again by the descriptor when the subgraph is built. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly keys: KeyEnv;
}

/** Everything one subgraph started alone reads from its environment: base settings, `PORT`, peers, its settings, keys. */
export function loadSubgraphEnv(descriptor: SubgraphDescriptor, source: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  const schema = baseEnvSchema.extend({ PORT: z.coerce.number().int().min(0).default(descriptor.port) }).extend(descriptor.settings.shape);
  const parsed = parseEnv(schema, source);
  return {
    base: parsed as BaseEnv,
    port: parsed.PORT as number,
    peers: serviceUrlsFromEnv(descriptor.calls, source),
    settings: parsed,
    keys: keyEnvFor(descriptor.name, keyNeedsOf(descriptor).trusts, source),
  };
}
