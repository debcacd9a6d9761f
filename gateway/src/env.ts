import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@etika/kit';
import { ENGINE_NAMES } from './engine/engine.ts';
import { DEFAULT_SUBGRAPH_SETTINGS, parseTimeouts, type SubgraphSettings } from './subgraphs/settings.ts';
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './subscriptions/settings.ts';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).default(4000),
  /** Reject a whole operation when any field is unauthorized, instead of answering null for that field. */
  AUTHZ_REJECT_UNAUTHORIZED: flag,
  /** Built web app to serve at `/`; nothing is served there when the folder is missing. */
  WEB_DIST: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  /** Behind TLS: the `Strict-Transport-Security` max-age in seconds (e.g. 31536000); 0 sends no HSTS header. */
  HSTS_MAX_AGE: z.coerce.number().int().min(0).default(0),
  /** A subgraph that sends no answer headers, or no body bytes, for this long fails the fetch as timed out. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_SETTINGS.timeoutMs),
  /** Timeouts of particular subgraphs, replacing SUBGRAPH_TIMEOUT_MS for them: `chain=2000,token=5000`. */
  SUBGRAPH_TIMEOUTS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseTimeouts(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  /** Extra attempts for a query whose subgraph could not be reached or answered 502/503/504; mutations never retry. */
  SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(DEFAULT_SUBGRAPH_SETTINGS.retries),
  /** Consecutive failures (no connection, timeout, 5xx) that open a subgraph's circuit. */
  SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_SETTINGS.breaker.failures),
  /** How long an open circuit refuses calls before one probe may go. */
  SUBGRAPH_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_SETTINGS.breaker.cooldownMs),
  /** Identical in-flight queries to a subgraph for one principal share one fetch (never across principals). */
  SUBGRAPH_DEDUPLICATE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** What plans and executes behind the security layer: `apollo` (@apollo/gateway) or `rust` (Hive's Rust planner). */
  GATEWAY_ENGINE: z.enum(ENGINE_NAMES).default('apollo'),
  /** Reverse proxies whose `X-Forwarded-For` is believed: addresses or CIDR ranges, comma-separated. */
  TRUSTED_PROXIES: z.string().default('').transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** Who may scrape `/metrics`: addresses or CIDR ranges, comma-separated (the client address after trusted proxies). */
  METRICS_ALLOW: z.string().default('127.0.0.1,::1').transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /**
   * Trusted documents: `off` runs any document; `optional` also runs the manifest's by id and takes APQ from
   * partners; `required-for-people` runs only the manifest's documents for people and anonymous callers.
   */
  PERSISTED_DOCUMENTS: z.enum(['off', 'optional', 'required-for-people']).default('optional'),
  /** The web app's manifest of trusted documents (Apollo's persisted query manifest), written by `npm run codegen`. */
  PERSISTED_MANIFEST: z.string().default(fileURLToPath(new URL('../../web/persisted-documents.json', import.meta.url))),
  /** Watch `SUPERGRAPH_PATH` and apply a new supergraph with no request dropped (`off`: read it once). */
  SUPERGRAPH_RELOAD: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
  /** On shutdown, how long to wait for the requests in flight. */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Rate limits in cost points per minute (`off` turns them off). */
  RATE_LIMITS: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
  RATE_LIMIT_PER_API_KEY: z.coerce.number().int().min(1).default(50_000),
  RATE_LIMIT_PER_PERSON: z.coerce.number().int().min(1).default(50_000),
  RATE_LIMIT_PER_ORGANIZATION: z.coerce.number().int().min(1).default(250_000),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(5_000),
  /** The most one operation may cost, by kind of caller. */
  MAX_COST_ANONYMOUS: z.coerce.number().int().min(1).default(500),
  MAX_COST_USER: z.coerce.number().int().min(1).default(5_000),
  MAX_COST_API_KEY: z.coerce.number().int().min(1).default(5_000),
  /** Live streams (`/graphql/stream`) one person or partner key may hold open at once. */
  LIVE_STREAMS_PER_PERSON: z.coerce.number().int().min(1).default(DEFAULT_LIVE_SETTINGS.maxStreamsPerPerson),
  /** How often every open live stream's rights are checked again (besides each event and each membership change). */
  LIVE_RIGHTS_CHECK_MS: z.coerce.number().int().min(100).default(DEFAULT_LIVE_SETTINGS.rightsCheckMs),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function subgraphSettingsOf(env: GatewayEnv): SubgraphSettings {
  return {
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    timeouts: env.SUBGRAPH_TIMEOUTS,
    retries: env.SUBGRAPH_RETRIES,
    breaker: { failures: env.SUBGRAPH_BREAKER_FAILURES, cooldownMs: env.SUBGRAPH_BREAKER_COOLDOWN_MS },
    deduplicate: env.SUBGRAPH_DEDUPLICATE,
  };
}

export function liveSettingsOf(env: GatewayEnv): LiveSettings {
  return { maxStreamsPerPerson: env.LIVE_STREAMS_PER_PERSON, rightsCheckMs: env.LIVE_RIGHTS_CHECK_MS };
}

export const loadGatewayEnv = (): GatewayEnv => parseEnv(gatewayEnvSchema);
