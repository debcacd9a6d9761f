import { z } from 'zod';

/** The cluster's setting, read with the gateway's others (`main.ts`). */
export const CLUSTER_SETTINGS = {
  /**
   * Processes serving the gateway's port: 1 (the default) runs one; `0` or `auto` runs one per CPU; above 1, a
   * primary process forks that many workers, restarts one that crashes and drains them all on SIGTERM. In
   * production, more than one needs REDIS_URL (rate limits, rights and APQ would otherwise be per worker).
   */
  GATEWAY_WORKERS: z
    .string()
    .default('1')
    .refine((v) => v === 'auto' || /^\d+$/.test(v), 'must be a number of workers, 0 or auto')
    .transform((v) => (v === 'auto' ? 0 : Number(v))),
};

/** How many workers `GATEWAY_WORKERS` asks for: 0 means one per CPU. */
export function workerCount(setting: number, cpus: number): number {
  return setting === 0 ? Math.max(1, cpus) : setting;
}

/**
 * Why a gateway may not run this many workers, or null. In memory, each worker would keep its own rate-limit
 * counters (a caller spreading connections over N workers would get N times its quota), its own rights (a sign-out
 * seen by one worker only) and its own APQ registrations: in production that weakens the limits, so several
 * workers need the shared Redis; in development they run, each with its own memory.
 */
export function clusterRefusal(workers: number, production: boolean, redisUrl: string | undefined): string | null {
  if (workers <= 1 || !production || redisUrl) return null;
  return `GATEWAY_WORKERS=${workers} in production needs REDIS_URL: in memory, every worker would count rate limits, rights and APQ on its own`;
}
