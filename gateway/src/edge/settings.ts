import { existsSync, readFileSync } from 'node:fs';
import type { GatewayEnv } from '../env.ts';
import { persistedManifest, type PersistedManifest } from './persisted-documents.ts';
import type { EdgeOptions } from './edge.ts';

/** The edge's options from the gateway's settings (see the README for each variable). */
export function edgeOptionsFromEnv(env: GatewayEnv): EdgeOptions {
  return {
    trustedProxies: env.TRUSTED_PROXIES,
    metricsAllow: env.METRICS_ALLOW,
    persisted: env.PERSISTED_DOCUMENTS === 'off' ? undefined : { mode: env.PERSISTED_DOCUMENTS, manifest: manifestOrThrow(env.PERSISTED_MANIFEST, env.PERSISTED_DOCUMENTS === 'required-for-people') },
    redisUrl: env.REDIS_URL,
    rateLimits: env.RATE_LIMITS
      ? {
          perApiKey: env.RATE_LIMIT_PER_API_KEY,
          perPerson: env.RATE_LIMIT_PER_PERSON,
          perOrganization: env.RATE_LIMIT_PER_ORGANIZATION,
          perAddress: env.RATE_LIMIT_PER_ADDRESS,
          windowSeconds: 60,
        }
      : undefined,
    costLimits: { anonymous: env.MAX_COST_ANONYMOUS, user: env.MAX_COST_USER, apiKey: env.MAX_COST_API_KEY },
  };
}

/** The manifest at `path`; none (no registered documents) when the file is missing, unless they are required. */
function manifestOrThrow(path: string, required: boolean): PersistedManifest {
  if (!existsSync(path)) {
    if (required) throw new Error(`PERSISTED_DOCUMENTS=required-for-people needs the manifest at ${path}: run npm run codegen`);
    return { format: 'apollo-persisted-query-manifest', version: 1, operations: [] };
  }
  return persistedManifest.parse(JSON.parse(readFileSync(path, 'utf8')));
}
