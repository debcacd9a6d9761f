import type { GatewayEnv } from '../env.ts';
import type { EdgeOptions } from './edge.ts';

/** The edge's options from the gateway's settings (see the README for each variable). */
export function edgeOptionsFromEnv(env: GatewayEnv): EdgeOptions {
  return {
    trustedProxies: env.TRUSTED_PROXIES,
    metricsAllow: env.METRICS_ALLOW,
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
