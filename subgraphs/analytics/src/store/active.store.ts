import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@etika/kit';
import { countSpans, cutOf, resumeFrom, type CountedSpan, type PeriodScan, type Span } from './spans.rules.ts';

/** Held by a rebuild of the numbers (exclusive) and tried by a keeping read (shared): nothing is kept while it runs. */
export const REBUILD_LOCK = sql`hashtextextended('analytics-rebuild', 0)`;

export const tokenLock = (orgId: string, tokenId: string) => sql`hashtextextended(${`active-spans:${orgId}:${tokenId}`}, 0)`;

/** The consumer's side: held until its transaction ends, shared with other consumers, exclusive of a keeping read. */
export async function lockSpansForIngest(tx: Tx, orgId: string, tokenId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${tokenLock(orgId, tokenId)})`);
}

/** A person's first activity in a slot changes the count of exactly the kept spans holding that slot. */
export async function forgetSpansHolding(tx: Tx, orgId: string, tokenId: string, slot: string): Promise<void> {
  await tx.execute(sql`delete from analytics.active_spans
    where org_id = ${orgId} and token_id = ${tokenId} and ends_at > ${slot} and starts_at <= ${slot}`);
}

const iso = (d: Date) => d.toISOString();
const array = (dates: readonly Date[]) => sql`${`{${dates.map((d) => `"${iso(d)}"`).join(',')}}`}::timestamptz[]`;

/**
 * Distinct active people per period and over a report's range, resumed from the spans kept in
 * `analytics.active_spans` (see `spans.rules.ts`): a year already counted reads a few hundred kept rows and the
 * activity rows after the last kept span only.
 *
 * Kept spans stay exact because the consumer, under a shared lock of the token, deletes every kept span an activity
 * row lands in, and a read keeps spans only when it holds that lock exclusively, taken before it reads anything: so
 * no consumer's transaction is half-way while a read counts what it keeps. A read that cannot take the lock at once
 * (events of the token are being consumed) counts the same way and keeps nothing.
 */
export interface ActiveCounts {
  readonly periods: number[];
  readonly total: number;
  /** The first slot of the activity rows this read had to go through (none: it read kept spans only). */
  readonly scannedFrom: Date | null;
}

export interface ActiveReadOptions {
  readonly now?: Date;
  /**
   * Whether the read marks the kept spans it resumed from as read (a person's read does, so pruning spares them;
   * the background pass does not, so a range nobody opens any more is pruned in the end).
   */
  readonly touch?: boolean;
}

export async function activeCounts(tx: Tx, orgId: string, tokenId: string, periods: readonly Span[], options: ActiveReadOptions = {}): Promise<ActiveCounts> {
  const now = options.now ?? new Date();
  const [lock] = await queryRows<{ keep: boolean }>(tx, sql`select pg_try_advisory_xact_lock_shared(${REBUILD_LOCK}) and pg_try_advisory_xact_lock(${tokenLock(orgId, tokenId)}) as keep`);
  const start = periods[0]!.startsAt;
  const end = periods.at(-1)!.endsAt;
  const kept = await queryRows<{ starts_at: Date | string; ends_at: Date | string; members: number }>(
    tx,
    sql`select starts_at, ends_at, members from analytics.active_spans
        where org_id = ${orgId} and token_id = ${tokenId} and starts_at = any(${array(periods.map((p) => p.startsAt))}) and ends_at <= ${iso(end)}`,
  );
  const spans: CountedSpan[] = kept.map((k) => ({ startsAt: new Date(k.starts_at), endsAt: new Date(k.ends_at), members: Number(k.members) }));
  const resumes = resumeFrom(periods, spans);
  const [whole] = resumeFrom([{ startsAt: start, endsAt: end }], spans);
  if (lock?.keep && options.touch !== false && kept.length > 0) {
    // at most once an hour per span, and only under the token's lock (no row lock taken while a consumer deletes)
    await tx.execute(sql`update analytics.active_spans set last_read_at = now()
      where org_id = ${orgId} and token_id = ${tokenId} and starts_at = any(${array(periods.map((p) => p.startsAt))}) and ends_at <= ${iso(end)}
        and last_read_at < now() - interval '1 hour'`);
  }
  const open = [...resumes.filter((r, i) => r.from < periods[i]!.endsAt).map((r) => r.from), ...(whole!.from < end ? [whole!.from] : [])];
  const scans: PeriodScan[] = periods.map(() => ({ added: 0, firsts: 0, addedBeforeCut: 0, firstsBeforeCut: 0 }));
  const cut = iso(cutOf(now));
  let scannedFrom: Date | null = null;
  if (open.length > 0) {
    const from = new Date(Math.min(...open.map((d) => d.getTime())));
    scannedFrom = from;
    const bounds = array([...periods.map((p) => p.startsAt), end]);
    const resume = array(resumes.map((r) => r.from));
    // each row's period once (width_bucket: 1…n), then whether it is the first of its person in what is still to count
    const rows = await queryRows<{ i: number; added: number; firsts: number; added_before_cut: number; firsts_before_cut: number }>(
      tx,
      sql`select i, count(*) filter (where added)::int as added, count(*) filter (where firsts)::int as firsts,
                 count(*) filter (where added and slot < ${cut})::int as added_before_cut, count(*) filter (where firsts and slot < ${cut})::int as firsts_before_cut
          from (select slot, i, slot >= (${resume})[i] and (prev is null or prev < (${bounds})[i]) as added,
                       slot >= ${iso(whole!.from)} and (prev is null or prev < ${iso(start)}) as firsts
                from (select slot, prev_slot as prev, width_bucket(slot, ${bounds}) as i from analytics.active_members
                      where org_id = ${orgId} and token_id = ${tokenId} and slot >= ${iso(from)} and slot < ${iso(end)}) r) f
          group by i`,
    );
    for (const r of rows) {
      scans[Number(r.i) - 1] = { added: Number(r.added), firsts: Number(r.firsts), addedBeforeCut: Number(r.added_before_cut), firstsBeforeCut: Number(r.firsts_before_cut) };
    }
  }
  const counts = countSpans(periods, resumes, whole!, scans, now);
  if (lock?.keep && counts.keep.length > 0) {
    await tx.execute(sql`
      insert into analytics.active_spans (org_id, token_id, starts_at, ends_at, members)
      select ${orgId}, ${tokenId}, s, e, n from unnest(${array(counts.keep.map((k) => k.startsAt))}, ${array(counts.keep.map((k) => k.endsAt))},
        ${`{${counts.keep.map((k) => k.members).join(',')}}`}::int[]) as k(s, e, n)
      on conflict (org_id, token_id, starts_at, ends_at) do update set members = excluded.members`);
  }
  return { periods: counts.periods, total: counts.total, scannedFrom };
}
