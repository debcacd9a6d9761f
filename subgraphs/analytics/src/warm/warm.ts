import { sql } from 'drizzle-orm';
import { APP_ROLE, inTenant, queryRows, type Db, type Logger, type Tx } from '@etika/kit';
import { periodsOrThrow } from '../period/period.rules.ts';
import { activeCounts, REBUILD_LOCK, tokenLock } from '../store/active.store.ts';
import { dashboardDefaultRanges, prefixes, targetsOfPass, zonesToWarm, type WarmRange, type WarmTarget } from './warm.rules.ts';

export interface WarmOptions {
  /** How often a pass runs on its own (0: only after bursts of events, or when called). */
  readonly everyMs: number;
  /** How long after a token's last event its pass waits (events come in bursts: one pass for the burst). */
  readonly burstDelayMs: number;
  /** The tokens one pass warms at most; the next pass goes on from there. */
  readonly maxTokensPerPass: number;
  /** How long one pass may take: past it, the tokens left wait for the next pass. */
  readonly maxMsPerPass: number;
  /** A token is warmed while someone opened its dashboard within this time. */
  readonly readersWithinMs: number;
  /** Kept spans no read resumed from within this time are pruned, `pruneLimit` at most per pass. */
  readonly pruneAfterMs: number;
  readonly pruneLimit: number;
  /** At most this many periods are read under the token's lock at once. */
  readonly periodsPerStep: number;
  /** The ranges to keep warm for one zone (by default the web dashboard's). */
  readonly ranges: (now: Date, timeZone: string) => WarmRange[];
}

export const WARM_DEFAULTS: WarmOptions = {
  everyMs: 180_000,
  burstDelayMs: 10_000,
  maxTokensPerPass: 20,
  maxMsPerPass: 20_000,
  readersWithinMs: 7 * 86_400_000,
  pruneAfterMs: 30 * 86_400_000,
  pruneLimit: 1_000,
  periodsPerStep: 31,
  ranges: dashboardDefaultRanges,
};

export interface PassReport {
  /** Ranges counted and kept (one per token, zone and default range). */
  readonly warmed: number;
  /** Ranges left for a later pass: events of the token were being consumed (its lock was taken). */
  readonly busy: number;
  /** Kept spans pruned, and readers forgotten, for being stale. */
  readonly pruned: number;
  readonly forgotten: number;
}

const secs = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

/**
 * The background pass that keeps the dashboard's default ranges counted, so the first opening of the day resumes
 * from kept spans like any later one (see `store/active.store.ts`): every `everyMs`, and `burstDelayMs` after a
 * burst of events of a token. Bounded per pass (tokens, time, rows pruned); it never waits for a token's lock: a
 * token whose events are being consumed is left for the next pass. `close()` stops it and waits for a pass under way.
 */
export class DashboardWarmer {
  private readonly options: WarmOptions;
  private readonly touched = new Map<string, WarmTarget>();
  private timer: NodeJS.Timeout | null = null;
  private burst: NodeJS.Timeout | null = null;
  private running: Promise<PassReport> | null = null;
  private readonly inFlight = new Set<Promise<PassReport>>();
  private cursor: WarmTarget | null = null;
  private closed = false;

  constructor(private readonly db: Db, private readonly logger: Logger, options: Partial<WarmOptions> = {}) {
    this.options = { ...WARM_DEFAULTS, ...options };
  }

  start(): this {
    if (this.options.everyMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.kick(), this.options.everyMs);
      this.timer.unref();
    }
    return this;
  }

  /** Events of the token were just consumed: it is warmed by a pass shortly after the burst ends. */
  touch(orgId: string, tokenId: string): void {
    if (this.closed) return;
    if (this.touched.size < 10_000) this.touched.set(`${orgId}:${tokenId}`, { orgId, tokenId });
    if (this.burst) clearTimeout(this.burst);
    this.burst = setTimeout(() => this.kick(), this.options.burstDelayMs);
    this.burst.unref();
  }

  private kick(): void {
    if (this.closed || this.running) return;
    this.running = this.runOnce()
      .catch((err: unknown) => {
        this.logger.error({ err }, 'the dashboard warm pass failed; the next one tries again');
        return { warmed: 0, busy: 0, pruned: 0, forgotten: 0 };
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** One pass: the tokens touched by events, then those read lately, then pruning. `close()` waits for it. */
  async runOnce(): Promise<PassReport> {
    const run = this.pass();
    this.inFlight.add(run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async pass(): Promise<PassReport> {
    const started = Date.now();
    const touched = [...this.touched.values()];
    this.touched.clear();
    const read = await this.recentlyRead();
    const targets = targetsOfPass(touched, read, this.options.maxTokensPerPass);
    let warmed = 0;
    let busy = 0;
    for (const [i, target] of targets.entries()) {
      if (this.closed || Date.now() - started > this.options.maxMsPerPass) {
        // what this pass did not reach goes first next time
        for (const t of targets.slice(i)) this.touched.set(`${t.orgId}:${t.tokenId}`, t);
        break;
      }
      const done = await this.warmToken(target);
      warmed += done.warmed;
      busy += done.busy;
      if (done.busy > 0) this.touched.set(`${target.orgId}:${target.tokenId}`, target);
    }
    const { pruned, forgotten } = this.closed ? { pruned: 0, forgotten: 0 } : await this.prune();
    const report = { warmed, busy, pruned, forgotten };
    this.logger.debug(report, 'dashboard warm pass');
    return report;
  }

  /** Stops the schedule, forgets what was touched, and waits for a pass under way to end (it stops early). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.burst) clearTimeout(this.burst);
    this.timer = this.burst = null;
    this.touched.clear();
    await Promise.allSettled([this.running, ...this.inFlight]);
  }

  private system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Tx;
      await tx.execute(sql`select set_config('app.system', 'analytics-warmer', true), set_config('role', ${APP_ROLE}, true)`);
      return fn(tx);
    });
  }

  /** Tokens whose dashboard was opened lately, in turn: each pass goes on after the last one the previous reached. */
  private async recentlyRead(): Promise<WarmTarget[]> {
    const max = this.options.maxTokensPerPass;
    const after = this.cursor;
    const rows = await this.system((tx) =>
      queryRows<{ org_id: string; token_id: string }>(
        tx,
        sql`select org_id, token_id from analytics.dashboard_readers where last_read_at > now() - ${secs(this.options.readersWithinMs)}
            ${after ? sql`and (org_id, token_id) > (${after.orgId}::uuid, ${after.tokenId}::uuid)` : sql``}
            group by 1, 2 order by 1, 2 limit ${max}`,
      ),
    );
    const out = rows.map((r) => ({ orgId: r.org_id, tokenId: r.token_id }));
    this.cursor = out.length < max ? null : out.at(-1)!;
    return out;
  }

  private async warmToken(target: WarmTarget): Promise<{ warmed: number; busy: number }> {
    const scope = { orgId: target.orgId, userId: null };
    const readers = await inTenant(this.db, scope, (tx) =>
      queryRows<{ time_zone: string; mine: boolean }>(
        tx,
        sql`select time_zone, token_id = ${target.tokenId} as mine from analytics.dashboard_readers
            where last_read_at > now() - ${secs(this.options.readersWithinMs)} order by last_read_at desc limit 50`,
      ),
    );
    const zones = zonesToWarm(readers.filter((r) => r.mine).map((r) => r.time_zone), readers.map((r) => r.time_zone));
    let warmed = 0;
    let busy = 0;
    for (const zone of zones) {
      for (const range of this.options.ranges(new Date(), zone)) {
        if (this.closed) return { warmed, busy };
        const periods = periodsOrThrow(range);
        let kept = true;
        for (const prefix of prefixes(periods, this.options.periodsPerStep)) {
          // closing stops a long range between steps; what it kept so far stays exact
          if (this.closed) return { warmed, busy };
          kept = await inTenant(this.db, scope, async (tx) => {
            // the consumer's lock, without waiting: while events of the token are consumed the range waits
            const [lock] = await queryRows<{ keep: boolean }>(
              tx,
              sql`select pg_try_advisory_xact_lock_shared(${REBUILD_LOCK}) and pg_try_advisory_xact_lock(${tokenLock(target.orgId, target.tokenId)}) as keep`,
            );
            if (!lock?.keep) return false;
            await tx.execute(sql`set local statement_timeout = '10s'`);
            await activeCounts(tx, target.orgId, target.tokenId, prefix, { touch: false });
            return true;
          });
          if (!kept) break;
        }
        if (kept) warmed++;
        else busy++;
      }
    }
    return { warmed, busy };
  }

  /** Kept spans no read resumed from lately, and readers gone for as long, a bounded number per pass. */
  private prune(): Promise<{ pruned: number; forgotten: number }> {
    const { pruneAfterMs, pruneLimit } = this.options;
    return this.system(async (tx) => {
      const spans = await queryRows(
        tx,
        sql`delete from analytics.active_spans where ctid = any(array(
              select ctid from analytics.active_spans where last_read_at < now() - ${secs(pruneAfterMs)} limit ${pruneLimit})) returning 1`,
      );
      const readers = await queryRows(
        tx,
        sql`delete from analytics.dashboard_readers where ctid = any(array(
              select ctid from analytics.dashboard_readers where last_read_at < now() - ${secs(pruneAfterMs)} limit ${pruneLimit})) returning 1`,
      );
      return { pruned: spans.length, forgotten: readers.length };
    });
  }
}
