import { sql, type SQL } from 'drizzle-orm';
import { inTenant, queryRows, type Db, type TenantScope, type Tx } from '@etika/kit';
import type { TokenFacts } from '../ingest/facts.ts';
import { slotOf, type Period } from '../period/period.rules.ts';
import { activeCounts, forgetSpansHolding, lockSpansForIngest } from './active.store.ts';
import type { AnalyticsStore, AuditEntryRow, AuditFilter, HoldersReport, MembershipPeriodRow, MoneyPeriodRow, TokenPeriodRow, TokenSeries } from './store.ts';

/** The periods' bounds as one timestamptz[] literal: `width_bucket` numbers a slot by the period it falls in (1…n). */
function bounds(periods: readonly Period[]): SQL {
  const all = [...periods.map((p) => p.startsAt), periods.at(-1)!.endsAt].map((d) => `"${d.toISOString()}"`);
  return sql`${`{${all.join(',')}}`}::timestamptz[]`;
}
const first = (periods: readonly Period[]) => periods[0]!.startsAt.toISOString();
const last = (periods: readonly Period[]) => periods.at(-1)!.endsAt.toISOString();
const big = (v: unknown) => BigInt(String(v ?? '0'));

export interface PaymentFacts {
  readonly tokenId: string;
  readonly currency: string;
  readonly paid: bigint;
  readonly refunded: bigint;
  readonly payments: number;
}

export interface AuditEntryInput extends AuditEntryRow {
  readonly orgId: string;
}

/** The Postgres store: rollups in 15-minute slots, updated by addition in the consumer's transaction. */
export class PostgresAnalyticsStore implements AnalyticsStore {
  /** What the reads of active people cost: how many had to go through activity rows, and from where the last one did. */
  readonly activity = { reads: 0, scans: 0, lastScannedFrom: null as Date | null };

  constructor(private readonly db: Db) {}

  async addTransaction(tx: Tx, orgId: string, transactionId: string, at: Date, facts: readonly TokenFacts[]): Promise<void> {
    const slot = slotOf(at).toISOString();
    for (const f of facts) {
      await tx.execute(sql`
        insert into analytics.token_slots (org_id, token_id, slot, issued, sold, transferred, redeemed, reversed, refunded, supply_delta, transactions)
        values (${orgId}, ${f.tokenId}, ${slot}, ${f.issued.toString()}, ${f.sold.toString()}, ${f.transferred.toString()}, ${f.redeemed.toString()},
                ${f.reversed.toString()}, ${f.refunded.toString()}, ${f.supplyDelta.toString()}, 1)
        on conflict (org_id, token_id, slot) do update set
          issued = token_slots.issued + excluded.issued, sold = token_slots.sold + excluded.sold,
          transferred = token_slots.transferred + excluded.transferred, redeemed = token_slots.redeemed + excluded.redeemed,
          reversed = token_slots.reversed + excluded.reversed, refunded = token_slots.refunded + excluded.refunded,
          supply_delta = token_slots.supply_delta + excluded.supply_delta, transactions = token_slots.transactions + 1`);
      const members = [...f.members];
      if (members.length === 0) continue;
      const rows = (build: (userId: string, delta: bigint) => SQL) => sql.join(members.map(([u, d]) => build(u, d)), sql`, `);
      await lockSpansForIngest(tx, orgId, f.tokenId);
      for (const [userId] of members) await this.markActive(tx, orgId, f.tokenId, userId, slot);
      await tx.execute(sql`
        insert into analytics.balance_changes (org_id, token_id, user_id, transaction_id, at, delta)
        values ${rows((u, d) => sql`(${orgId}, ${f.tokenId}, ${u}, ${transactionId}, ${at.toISOString()}, ${d.toString()})`)}`);
      await tx.execute(sql`
        insert into analytics.holdings (org_id, token_id, user_id, balance) values ${rows((u, d) => sql`(${orgId}, ${f.tokenId}, ${u}, ${d.toString()})`)}
        on conflict (org_id, token_id, user_id) do update set balance = holdings.balance + excluded.balance`);
    }
  }

  /**
   * A person active in a slot: the row carries their previous slot of activity, and the row after it (if this one
   * arrived late) now points to this one. One person's rows are changed under a lock of their own, so concurrent
   * consumers keep the chain whole.
   */
  private async markActive(tx: Tx, orgId: string, tokenId: string, userId: string, slot: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}:${tokenId}:${userId}`}, 0))`);
    const person = sql`org_id = ${orgId} and token_id = ${tokenId} and user_id = ${userId}`;
    const added = await queryRows<{ slot: string }>(
      tx,
      sql`insert into analytics.active_members (org_id, token_id, slot, user_id, prev_slot)
          values (${orgId}, ${tokenId}, ${slot}, ${userId}, (select max(slot) from analytics.active_members where ${person} and slot < ${slot}))
          on conflict do nothing returning slot`,
    );
    if (added.length === 0) return;
    await forgetSpansHolding(tx, orgId, tokenId, slot);
    await tx.execute(sql`update analytics.active_members set prev_slot = ${slot}
      where ${person} and slot = (select min(slot) from analytics.active_members where ${person} and slot > ${slot})`);
  }

  async addPayment(tx: Tx, orgId: string, at: Date, f: PaymentFacts): Promise<void> {
    await tx.execute(sql`
      insert into analytics.money_slots (org_id, token_id, currency, slot, paid, refunded, payments)
      values (${orgId}, ${f.tokenId}, ${f.currency}, ${slotOf(at).toISOString()}, ${f.paid.toString()}, ${f.refunded.toString()}, ${f.payments})
      on conflict (org_id, token_id, currency, slot) do update set
        paid = money_slots.paid + excluded.paid, refunded = money_slots.refunded + excluded.refunded, payments = money_slots.payments + excluded.payments`);
  }

  async addMembership(tx: Tx, orgId: string, at: Date, change: { joined: number; left: number }): Promise<void> {
    await tx.execute(sql`
      insert into analytics.membership_slots (org_id, slot, joined, "left") values (${orgId}, ${slotOf(at).toISOString()}, ${change.joined}, ${change.left})
      on conflict (org_id, slot) do update set joined = membership_slots.joined + excluded.joined, "left" = membership_slots."left" + excluded."left"`);
  }

  async appendAudit(tx: Tx, e: AuditEntryInput): Promise<void> {
    await tx.execute(sql`
      insert into analytics.audit_trail (id, org_id, subgraph, actor, action, outcome, error_code, request_id, at)
      values (${e.id}, ${e.orgId}, ${e.subgraph}, ${e.actor}, ${e.action}, ${e.outcome}, ${e.errorCode}, ${e.requestId}, ${e.at.toISOString()})
      on conflict (id) do nothing`);
  }

  tokenSeries(scope: TenantScope, tokenId: string, periods: readonly Period[], reader?: { readonly timeZone: string }): Promise<TokenSeries> {
    return inTenant(this.db, scope, async (tx) => {
      if (reader) {
        // what the background pass keeps warm; written at most once a minute per token and zone
        await tx.execute(sql`insert into analytics.dashboard_readers (org_id, token_id, time_zone) values (${scope.orgId!}, ${tokenId}, ${reader.timeZone})
          on conflict (org_id, token_id, time_zone) do update set last_read_at = now() where dashboard_readers.last_read_at < now() - interval '1 minute'`);
      }
      const [opening] = await queryRows<{ supply: string | null }>(
        tx,
        sql`select sum(supply_delta)::text as supply from analytics.token_slots where token_id = ${tokenId} and slot < ${first(periods)}`,
      );
      const rows = await queryRows<Record<string, string | number>>(
        tx,
        sql`select width_bucket(slot, ${bounds(periods)}) as i, sum(issued)::text as issued, sum(sold)::text as sold,
                   sum(transferred)::text as transferred, sum(redeemed)::text as redeemed, sum(reversed)::text as reversed,
                   sum(refunded)::text as refunded, sum(supply_delta)::text as supply, sum(transactions)::int as transactions
            from analytics.token_slots where token_id = ${tokenId} and slot >= ${first(periods)} and slot < ${last(periods)} group by 1`,
      );
      const active = await activeCounts(tx, scope.orgId!, tokenId, periods);
      this.activity.reads++;
      if (active.scannedFrom) this.activity.scans++;
      this.activity.lastScannedFrom = active.scannedFrom;
      const byPeriod = new Map(rows.map((r) => [Number(r['i']), r]));
      let supply = big(opening?.supply);
      const out = periods.map((_, index) => {
        const r = byPeriod.get(index + 1);
        supply += big(r?.['supply']);
        return {
          issued: big(r?.['issued']),
          sold: big(r?.['sold']),
          transferred: big(r?.['transferred']),
          redeemed: big(r?.['redeemed']),
          reversed: big(r?.['reversed']),
          refunded: big(r?.['refunded']),
          transactions: Number(r?.['transactions'] ?? 0),
          activeMembers: active.periods[index]!,
          circulatingSupply: supply,
        };
      });
      const sum = (k: 'issued' | 'sold' | 'transferred' | 'redeemed' | 'reversed' | 'refunded') => out.reduce((a, r) => a + r[k], 0n);
      const totals: TokenPeriodRow = {
        issued: sum('issued'),
        sold: sum('sold'),
        transferred: sum('transferred'),
        redeemed: sum('redeemed'),
        reversed: sum('reversed'),
        refunded: sum('refunded'),
        transactions: out.reduce((a, r) => a + r.transactions, 0),
        activeMembers: active.total,
        circulatingSupply: supply,
      };
      return { periods: out, totals };
    });
  }

  moneySeries(scope: TenantScope, tokenId: string, periods: readonly Period[]): Promise<MoneyPeriodRow[]> {
    return inTenant(this.db, scope, async (tx) => {
      const rows = await queryRows<{ i: number; currency: string; paid: string; refunded: string; payments: number }>(
        tx,
        sql`select width_bucket(slot, ${bounds(periods)}) as i, currency, sum(paid)::text as paid, sum(refunded)::text as refunded, sum(payments)::int as payments
            from analytics.money_slots where token_id = ${tokenId} and slot >= ${first(periods)} and slot < ${last(periods)} group by 1, 2 order by 1, 2`,
      );
      return rows.map((r) => ({ period: Number(r.i) - 1, currency: r.currency, paid: big(r.paid), refunded: big(r.refunded), payments: Number(r.payments) }));
    });
  }

  membershipSeries(scope: TenantScope, periods: readonly Period[]): Promise<MembershipPeriodRow[]> {
    return inTenant(this.db, scope, async (tx) => {
      const rows = await queryRows<{ i: number; joined: number; left: number }>(
        tx,
        sql`select width_bucket(slot, ${bounds(periods)}) as i, sum(joined)::int as joined, sum("left")::int as "left"
            from analytics.membership_slots where slot >= ${first(periods)} and slot < ${last(periods)} group by 1`,
      );
      const by = new Map(rows.map((r) => [Number(r.i), r]));
      return periods.map((_, i) => ({ joined: Number(by.get(i + 1)?.joined ?? 0), left: Number(by.get(i + 1)?.left ?? 0) }));
    });
  }

  holders(scope: TenantScope, tokenId: string, top: number): Promise<HoldersReport> {
    return inTenant(this.db, scope, async (tx) => {
      const [summary] = await queryRows<{ holders: number; total: string | null; decile: string | null }>(
        tx,
        sql`with ranked as (
              select balance, row_number() over (order by balance desc) as rn, count(*) over () as n
              from analytics.holdings where token_id = ${tokenId} and balance > 0)
            select count(*)::int as holders, sum(balance)::text as total, (sum(balance) filter (where rn <= ceil(n / 10.0)))::text as decile from ranked`,
      );
      const leaders = await queryRows<{ user_id: string; balance: string }>(
        tx,
        sql`select h.user_id, h.balance::text as balance from analytics.holdings h where h.token_id = ${tokenId} and h.balance > 0
            order by h.balance desc, h.user_id limit ${top}`,
      );
      const bins = await queryRows<{ digits: number; holders: number }>(
        tx,
        sql`select length(balance::text)::int as digits, count(*)::int as holders from analytics.holdings
            where token_id = ${tokenId} and balance > 0 group by 1 order by 1`,
      );
      return {
        holders: Number(summary?.holders ?? 0),
        circulatingSupply: big(summary?.total),
        topDecileAmount: big(summary?.decile),
        top: leaders.map((l) => ({ userId: l.user_id, balance: big(l.balance) })),
        distribution: bins.map((b) => ({ lowerBound: 10n ** BigInt(Number(b.digits) - 1), holders: Number(b.holders) })),
      };
    });
  }

  balanceHistory(scope: TenantScope, tokenId: string, userId: string, periods: readonly Period[]): Promise<bigint[]> {
    return inTenant(this.db, scope, async (tx) => {
      const [opening] = await queryRows<{ balance: string | null }>(
        tx,
        sql`select sum(delta)::text as balance from analytics.balance_changes where token_id = ${tokenId} and user_id = ${userId} and at < ${first(periods)}`,
      );
      const rows = await queryRows<{ i: number; delta: string }>(
        tx,
        sql`select width_bucket(at, ${bounds(periods)}) as i, sum(delta)::text as delta from analytics.balance_changes
            where token_id = ${tokenId} and user_id = ${userId} and at >= ${first(periods)} and at < ${last(periods)} group by 1`,
      );
      const by = new Map(rows.map((r) => [Number(r.i), big(r.delta)]));
      let balance = big(opening?.balance);
      return periods.map((_, i) => (balance += by.get(i + 1) ?? 0n));
    });
  }

  auditTrail(scope: TenantScope, f: AuditFilter): Promise<AuditEntryRow[]> {
    const where: SQL[] = [sql`true`];
    if (f.actor) where.push(sql`actor = ${f.actor}`);
    if (f.action) where.push(sql`action = ${f.action}`);
    if (f.outcome) where.push(sql`outcome = ${f.outcome}`);
    if (f.from) where.push(sql`at >= ${f.from.toISOString()}`);
    if (f.to) where.push(sql`at < ${f.to.toISOString()}`);
    if (f.after) where.push(sql`(at, id) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id}::uuid)`);
    return inTenant(this.db, scope, async (tx) => {
      const rows = await queryRows<{ id: string; subgraph: string; actor: string; action: string; outcome: string; error_code: string | null; request_id: string | null; at: Date | string }>(
        tx,
        sql`select id, subgraph, actor, action, outcome, error_code, request_id, at from analytics.audit_trail
            where ${sql.join(where, sql` and `)} order by at desc, id desc limit ${f.limit}`,
      );
      return rows.map((r) => ({ id: r.id, subgraph: r.subgraph, actor: r.actor, action: r.action, outcome: r.outcome, errorCode: r.error_code, requestId: r.request_id, at: new Date(r.at) }));
    });
  }
}
