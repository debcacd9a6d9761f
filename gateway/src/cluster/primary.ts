import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@etika/kit';
import { answerMetricsAsks } from './metrics.ts';

export interface PrimaryOptions {
  readonly workers: number;
  readonly logger: Logger;
  /** How long the workers may drain after SIGTERM before they are killed: their own drain bound and a margin. */
  readonly stopTimeoutMs: number;
  /** Told once every worker listens. */
  readonly onReady?: () => void;
}

/** A worker that lived less than this before crashing counts as crashing in a loop: the next restart waits. */
const QUICK_CRASH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The primary of a gateway cluster: forks the workers, which share the listening port (the primary hands each new
 * connection to one of them), and serves none itself.
 * - A worker that exits after it listened is replaced at once; again and again within seconds, with a growing wait.
 * - A worker that exits before it ever listened is a start-up failure (a bad setting, a bad supergraph): the
 *   primary stops the others and exits 1, as a single gateway process would.
 * - SIGTERM or SIGINT: every worker is sent SIGTERM and drains as a single gateway does (not ready, no new
 *   connection, the requests in flight answered); the primary exits once they all have, killing any still running
 *   after `stopTimeoutMs`.
 * - `/metrics`, whichever worker serves it, is every worker's metrics summed (`metrics.ts`).
 */
export function runPrimary(options: PrimaryOptions): void {
  const { logger } = options;
  const live = new Set<Worker>();
  const startedAt = new Map<Worker, number>();
  const listened = new Set<Worker>();
  let quickCrashes = 0;
  let stopping = false;
  let ready = false;
  let failed = false;

  answerMetricsAsks();

  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork();
    live.add(worker);
    startedAt.set(worker, Date.now());
    logger.info({ worker: worker.id, pid: worker.process.pid }, 'gateway worker started');
  };

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason, workers: live.size }, 'stopping the gateway workers');
    if (live.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of live) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of live) worker.process.kill('SIGKILL');
    }, options.stopTimeoutMs).unref();
  };

  cluster.on('listening', (worker, address) => {
    listened.add(worker);
    if (!ready && [...live].every((w) => listened.has(w)) && live.size === options.workers) {
      ready = true;
      logger.info({ workers: options.workers, port: address.port }, 'gateway cluster listening');
      options.onReady?.();
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    const hadListened = listened.delete(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (code !== 0) failed = true;
      if (live.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!hadListened) {
      logger.error({ worker: worker.id, pid: worker.process.pid, code, signal }, 'a gateway worker failed to start; stopping');
      failed = true;
      return stop('a worker failed to start');
    }
    quickCrashes = lived < QUICK_CRASH_MS ? quickCrashes + 1 : 0;
    const delay = quickCrashes > 1 ? Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (quickCrashes - 2)) : 0;
    logger.error({ worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: delay }, 'a gateway worker exited; starting another');
    setTimeout(fork, delay);
  });

  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < options.workers; i++) fork();
}
