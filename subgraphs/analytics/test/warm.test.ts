import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, inTenant, queryRows } from '@etika/kit';
import { startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import type { EventEnvelope } from '@etika/schema';
import { analytics } from '../src/index.ts';
import { SeriesService } from '../src/series/series.service.ts';
import { PostgresAnalyticsStore } from '../src/store/postgres.store.ts';
import { cutOf } from '../src/store/spans.rules.ts';
import { DashboardWarmer, type WarmOptions } from '../src/warm/warm.ts';
import { dashboardDefaultRanges } from '../src/warm/warm.rules.ts';
import { committed, eventually, inboxSize, issue, transfer } from './helpers.ts';

/**
 * The background pass keeps the dashboard's default range (the last 30 days by day) counted, so its first opening
 * reads kept spans instead of a month of activity rows, with the same numbers as a read that nothing helped.
 */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(analytics);
});
afterAll(() => p?.close());

const logger = createLogger('warm-test', 'silent');
const warmer = (options: Partial<WarmOptions> = {}) => new DashboardWarmer(p.database.db, logger, { everyMs: 0, burstDelayMs: 60_000, ...options });

function tenant() {
  const orgId = randomUUID();
  return { orgId, tokenId: randomUUID(), auditor: userPrincipal(randomUUID(), orgId, 'auditor') };
}
type Tenant = ReturnType<typeof tenant>;
const scope = (t: Tenant) => ({ orgId: t.orgId, userId: null });

async function deliver(events: readonly EventEnvelope[]): Promise<void> {
  const before = await inboxSize(p.database);
  for (const e of events) await p.bus.publish([e]);
  await eventually(async () => (await inboxSize(p.database)) >= before + events.length, 'the events to be consumed');
}

const [alice, bob, carol, dan] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const ago = (days: number, hours = 0) => new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();
/** A month of activity up to a few hours ago, the same for every tenant. */
const month = (t: Tenant) => [
  committed(t.orgId, t.tokenId, issue(alice, '100', ago(25))),
  committed(t.orgId, t.tokenId, transfer(alice, bob, '10', ago(20, 3))),
  committed(t.orgId, t.tokenId, transfer(bob, carol, '5', ago(12))),
  committed(t.orgId, t.tokenId, issue(dan, '7', ago(4, 5))),
  committed(t.orgId, t.tokenId, transfer(dan, alice, '1', ago(1))),
];

async function noteReader(t: Tenant, timeZone: string): Promise<void> {
  await inTenant(p.database.db, scope(t), (tx) => tx.execute(sql`insert into analytics.dashboard_readers (org_id, token_id, time_zone) values (${t.orgId}, ${t.tokenId}, ${timeZone})`));
}
const spans = (t: Tenant) =>
  inTenant(p.database.db, scope(t), (tx) =>
    queryRows<{ starts_at: Date | string; ends_at: Date | string }>(tx, sql`select starts_at, ends_at from analytics.active_spans where token_id = ${t.tokenId} order by 1, 2`),
  );
const key = (r: { starts_at: Date | string; ends_at: Date | string }) => `${new Date(r.starts_at).toISOString()}/${new Date(r.ends_at).toISOString()}`;

/** The dashboard's default read, as the page asks it, through a store whose counters tell what it had to read. */
async function openDashboard(t: Tenant, timeZone: string) {
  const store = new PostgresAnalyticsStore(p.database.db);
  const report = await new SeriesService(store).tokenReport(t.auditor, t.tokenId, dashboardDefaultRanges(new Date(), timeZone)[0]!);
  return { report, scannedFrom: store.activity.lastScannedFrom };
}

describe('the dashboard warm pass', () => {
  it('counts the default range of the readers’ zone ahead, so its first opening reads no activity rows of closed days, with the numbers of a cold read', async () => {
    const [warm, cold] = [tenant(), tenant()];
    await deliver([...month(warm), ...month(cold)]);
    await noteReader(warm, 'Asia/Kathmandu');
    const pass = await warmer().runOnce();
    expect(pass.warmed).toBeGreaterThanOrEqual(1);
    expect(pass.busy).toBe(0);
    // only the reader's zone: the token's readers come before the fallback zones
    expect((await spans(warm)).length).toBeGreaterThan(0);
    expect(await spans(cold)).toEqual([]);

    const cut = cutOf(new Date());
    const first = await openDashboard(warm, 'Asia/Kathmandu');
    if (first.scannedFrom) expect(first.scannedFrom.getTime()).toBeGreaterThanOrEqual(cut.getTime());
    // a read nothing warmed goes through the whole month's rows
    const unhelped = await openDashboard(cold, 'Asia/Kathmandu');
    expect(unhelped.scannedFrom!.getTime()).toBeLessThan(cut.getTime() - 25 * 86_400_000);

    const { tokenId: _w, ...warmNumbers } = first.report;
    const { tokenId: _c, ...coldNumbers } = unhelped.report;
    expect(warmNumbers).toEqual(coldNumbers);
    expect(first.report.totals.activeMembers).toBe(4);
    expect(first.report.periods.reduce((a, x) => a + x.activeMembers, 0)).toBe(8);
    // another zone was not warmed: its periods are other spans
    expect((await openDashboard(warm, 'UTC')).scannedFrom!.getTime()).toBeLessThan(cut.getTime() - 25 * 86_400_000);
  });

  it('warms a token nobody read yet, after a burst of its events, in Europe/Paris and UTC', async () => {
    const t = tenant();
    await deliver(month(t));
    const w = warmer();
    w.touch(t.orgId, t.tokenId);
    expect((await w.runOnce()).warmed).toBeGreaterThanOrEqual(2);
    expect((await spans(t)).length).toBeGreaterThan(0);
    const cut = cutOf(new Date()).getTime();
    for (const zone of ['Europe/Paris', 'UTC']) {
      const { scannedFrom } = await openDashboard(t, zone);
      if (scannedFrom) expect(scannedFrom.getTime()).toBeGreaterThanOrEqual(cut);
    }
    await w.close();
  });

  it('prunes only the kept spans no read resumed from in a long time, a bounded number per pass', async () => {
    const t = tenant();
    await deliver(month(t));
    await openDashboard(t, 'UTC');
    const all = (await spans(t)).map(key);
    expect(all.length).toBeGreaterThan(4);
    // the spans of the range's first days were last read 40 days ago
    const stale = await inTenant(p.database.db, scope(t), (tx) =>
      queryRows<{ starts_at: Date | string; ends_at: Date | string }>(
        tx,
        sql`update analytics.active_spans set last_read_at = now() - interval '40 days'
            where token_id = ${t.tokenId} and starts_at < ${ago(20)} returning starts_at, ends_at`,
      ),
    );
    expect(stale.length).toBeGreaterThan(2);
    // passes that warm nothing (the stale spans are of the default range, which a warming pass would keep again)
    const pruner = (limit?: number) => warmer({ ranges: () => [], ...(limit ? { pruneLimit: limit } : {}) });
    const first = await pruner(2).runOnce();
    expect(first.pruned).toBe(2);
    expect((await spans(t)).length).toBe(all.length - 2);
    const second = await pruner().runOnce();
    expect(second.pruned).toBe(stale.length - 2);
    expect((await spans(t)).map(key)).toEqual(all.filter((k) => !stale.map(key).includes(k)));
    // a read marks what it resumes from: nothing left is pruned by the next pass
    await openDashboard(t, 'UTC');
    expect((await pruner().runOnce()).pruned).toBe(0);
  });

  it('runs on its schedule until closed, and no pass runs after', async () => {
    const [before, after] = [tenant(), tenant()];
    await deliver([...month(before), ...month(after)]);
    const w = warmer({ everyMs: 50 }).start();
    await noteReader(before, 'UTC');
    await eventually(async () => (await spans(before)).length > 0, 'a scheduled pass to warm the token');
    await w.close();
    await noteReader(after, 'UTC');
    await new Promise((r) => setTimeout(r, 300));
    expect(await spans(after)).toEqual([]);
  });

  it('stops a pass under way when closed, and close waits for it', async () => {
    const t = tenant();
    await deliver(month(t));
    const open = warmer();
    open.touch(t.orgId, t.tokenId);
    const closing = warmer();
    closing.touch(t.orgId, t.tokenId);
    const pass = closing.runOnce();
    await closing.close();
    expect(await pass).toEqual({ warmed: 0, busy: 0, pruned: 0, forgotten: 0 });
    expect(await spans(t)).toEqual([]);
    // the same pass not closed warms the token
    expect((await open.runOnce()).warmed).toBeGreaterThanOrEqual(2);
    await open.close();
    expect((await spans(t)).length).toBeGreaterThan(0);
  });
});

describe('the warm pass in the subgraph', () => {
  it('is off unless asked, and when asked warms a token shortly after its events and stops with the server', async () => {
    const off = tenant();
    await deliver(month(off));
    await new Promise((r) => setTimeout(r, 200));
    expect(await spans(off)).toEqual([]);

    const asked = await startSubgraphTest(analytics, { settings: { ANALYTICS_WARM_INTERVAL_MS: 100 } });
    try {
      const t = tenant();
      for (const e of month(t)) await asked.bus.publish([e]);
      await eventually(
        async () => (await inTenant(asked.database.db, scope(t), (tx) => queryRows(tx, sql`select 1 from analytics.active_spans where token_id = ${t.tokenId} limit 1`))).length > 0,
        'the burst to be warmed',
      );
    } finally {
      await asked.close();
    }
  });
});
