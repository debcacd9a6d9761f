import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { EVENT_TYPES, type Principal } from '@etika/schema';
import { analytics } from '../src/index.ts';
import { committed, eventually, inboxSize, issue, redeem, transfer } from './helpers.ts';

/** The numbers from events as token and org publish them, delivered on the bus the way the relay delivers them. */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(analytics);
});
afterAll(() => p?.close());

const REPORT = `query($t: ID!, $r: AnalyticsRangeInput!) { tokenAnalytics(tokenId: $t, range: $r) {
  periods { start issued sold transferred redeemed reversed refunded transactions activeMembers circulatingSupply }
  totals { issued transferred redeemed transactions activeMembers circulatingSupply } } }`;
const HOLDERS = 'query($t: ID!) { tokenHolders(tokenId: $t, top: 2) { holders circulatingSupply topDecileAmount topDecileShare top { user { id } balance } distribution { lowerBound holders } } }';
const MINE = 'query($t: ID!, $r: AnalyticsRangeInput!) { myBalanceHistory(tokenId: $t, range: $r) { points { start balance } } }';

type Report = { tokenAnalytics: { periods: Record<string, string | number>[]; totals: Record<string, string | number> } };
const day = (from: string, to: string, timeZone = 'UTC', granularity = 'DAY') => ({ from, to, granularity, timeZone });

async function deliver(events: Parameters<SubgraphTest['bus']['publish']>[0]): Promise<void> {
  const before = await inboxSize(p.database);
  const distinct = new Set(events.map((e) => e.id)).size;
  for (const e of events) await p.bus.publish([e]);
  await eventually(async () => (await inboxSize(p.database)) >= before + distinct, 'the events to be consumed');
}

function tenant() {
  const orgId = randomUUID();
  const [owner, alice, bob] = [randomUUID(), randomUUID(), randomUUID()];
  return { orgId, tokenId: randomUUID(), alice, bob, admin: userPrincipal(owner, orgId, 'admin'), auditor: userPrincipal(randomUUID(), orgId, 'auditor'), as: (u: string): Principal => userPrincipal(u, orgId, 'member') };
}

describe('numbers per period', () => {
  it('counts issued, transferred and redeemed, the active members and the supply, and duplicates change nothing', async () => {
    const t = tenant();
    const events = [
      committed(t.orgId, t.tokenId, issue(t.alice, '1000', '2026-05-04T09:00:00Z')),
      committed(t.orgId, t.tokenId, transfer(t.alice, t.bob, '300', '2026-05-05T10:00:00Z')),
      committed(t.orgId, t.tokenId, redeem(t.bob, '100', '2026-05-05T11:00:00Z')),
    ];
    await deliver([...events, events[1]!, events[0]!]);
    const r = dataOrThrow(await p.execute<Report>(REPORT, { t: t.tokenId, r: day('2026-05-03', '2026-05-05') }, t.auditor)).tokenAnalytics;
    expect(r.periods.map((x) => [x.start, x.issued, x.transferred, x.redeemed, x.transactions, x.activeMembers, x.circulatingSupply])).toEqual([
      ['2026-05-03', '0', '0', '0', 0, 0, '0'],
      ['2026-05-04', '1000', '0', '0', 1, 1, '1000'],
      ['2026-05-05', '0', '300', '100', 2, 2, '900'],
    ]);
    expect(r.totals).toEqual({ issued: '1000', transferred: '300', redeemed: '100', transactions: 3, activeMembers: 2, circulatingSupply: '900' });
    const CSV = 'query($t: ID!, $r: AnalyticsRangeInput!, $l: String!) { tokenAnalytics(tokenId: $t, range: $r) { csv(locale: $l, decimals: 2) } }';
    const csv = dataOrThrow(await p.execute<{ tokenAnalytics: { csv: string } }>(CSV, { t: t.tokenId, r: day('2026-05-04', '2026-05-05'), l: 'fr' }, t.auditor));
    expect(csv.tokenAnalytics.csv.split('\r\n').slice(1)).toEqual(['04/05/2026;10,00;0,00;0,00;0,00;0,00;0,00;1;1;10,00', '05/05/2026;0,00;0,00;3,00;1,00;0,00;0,00;2;2;9,00', '']);
    const klingon = await p.execute(CSV, { t: t.tokenId, r: day('2026-05-04', '2026-05-05'), l: 'tlh' }, t.auditor);
    expect(klingon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    const holders = dataOrThrow(await p.execute<{ tokenHolders: Record<string, unknown> }>(HOLDERS, { t: t.tokenId }, t.admin)).tokenHolders;
    expect(holders).toEqual({
      holders: 2,
      circulatingSupply: '900',
      topDecileAmount: '700',
      topDecileShare: 0.7777,
      top: [{ user: { id: t.alice }, balance: '700' }, { user: { id: t.bob }, balance: '200' }],
      distribution: [{ lowerBound: '100', holders: 2 }],
    });
    const mine = dataOrThrow(await p.execute<{ myBalanceHistory: { points: unknown[] } }>(MINE, { t: t.tokenId, r: day('2026-05-01', '2026-05-31', 'UTC', 'WEEK') }, t.as(t.bob)));
    expect(mine.myBalanceHistory.points).toEqual([
      { start: '2026-04-27', balance: '0' },
      { start: '2026-05-04', balance: '200' },
      { start: '2026-05-11', balance: '200' },
      { start: '2026-05-18', balance: '200' },
      { start: '2026-05-25', balance: '200' },
    ]);
  });

  it('ranks holders by amount, not by how its digits sort', async () => {
    const t = tenant();
    await deliver([committed(t.orgId, t.tokenId, issue(t.alice, '10000', '2026-05-04T09:00:00Z')), committed(t.orgId, t.tokenId, issue(t.bob, '2500', '2026-05-04T09:00:00Z'))]);
    const holders = dataOrThrow(await p.execute<{ tokenHolders: { top: unknown[] } }>(HOLDERS, { t: t.tokenId }, t.admin)).tokenHolders;
    expect(holders.top).toEqual([{ user: { id: t.alice }, balance: '10000' }, { user: { id: t.bob }, balance: '2500' }]);
  });

  it('gives the same numbers whatever order the events arrive in', async () => {
    const [a, b] = [tenant(), tenant()];
    const run = (t: ReturnType<typeof tenant>) => [
      committed(t.orgId, t.tokenId, issue(t.alice, '500', '2026-02-27T08:00:00Z')),
      committed(t.orgId, t.tokenId, transfer(t.alice, t.bob, '200', '2026-02-28T08:00:00Z')),
      committed(t.orgId, t.tokenId, redeem(t.bob, '50', '2026-03-02T08:00:00Z')),
      committed(t.orgId, t.tokenId, issue(t.bob, '25', '2026-03-09T08:00:00Z')),
    ];
    await deliver(run(a));
    await deliver(run(b).reverse());
    for (const granularity of ['DAY', 'WEEK', 'MONTH']) {
      const range = day('2026-02-20', '2026-03-15', 'Europe/Paris', granularity);
      const ra = dataOrThrow(await p.execute<Report>(REPORT, { t: a.tokenId, r: range }, a.auditor));
      const rb = dataOrThrow(await p.execute<Report>(REPORT, { t: b.tokenId, r: range }, b.auditor));
      expect(rb).toEqual(ra);
      const ma = dataOrThrow(await p.execute(MINE, { t: a.tokenId, r: range }, a.as(a.bob)));
      const mb = dataOrThrow(await p.execute(MINE, { t: b.tokenId, r: range }, b.as(b.bob)));
      expect(mb).toEqual(ma);
    }
    const months = dataOrThrow(await p.execute<Report>(REPORT, { t: a.tokenId, r: day('2026-02-01', '2026-03-31', 'UTC', 'MONTH') }, a.auditor)).tokenAnalytics;
    expect(months.periods.map((x) => [x.start, x.issued, x.circulatingSupply])).toEqual([['2026-02-01', '500', '500'], ['2026-03-01', '25', '475']]);
  });

  it('puts a movement in the day of the time zone asked for, at the edges of the day', async () => {
    const t = tenant();
    // 23:30 UTC on 1 March: still 1 March in UTC and New York, already 2 March in Paris (UTC+1) and Kolkata (UTC+5:30)
    await deliver([
      committed(t.orgId, t.tokenId, issue(t.alice, '7', '2026-03-01T23:30:00Z')),
      // 18:29:59 UTC is 23:59:59 in Kolkata on 2 March; 18:30 is midnight of 3 March there
      committed(t.orgId, t.tokenId, issue(t.alice, '11', '2026-03-02T18:29:59Z')),
      committed(t.orgId, t.tokenId, issue(t.alice, '13', '2026-03-02T18:30:00Z')),
    ]);
    const issuedPerDay = async (timeZone: string) =>
      dataOrThrow(await p.execute<Report>(REPORT, { t: t.tokenId, r: day('2026-03-01', '2026-03-03', timeZone) }, t.auditor)).tokenAnalytics.periods.map((x) => x.issued);
    expect(await issuedPerDay('UTC')).toEqual(['7', '24', '0']);
    expect(await issuedPerDay('America/New_York')).toEqual(['7', '24', '0']);
    expect(await issuedPerDay('Europe/Paris')).toEqual(['0', '31', '0']);
    expect(await issuedPerDay('Asia/Kolkata')).toEqual(['0', '18', '13']);
  });

  it('keeps summer-time days whole: the day clocks go forward has 23 hours and counts everything in it', async () => {
    const t = tenant();
    // Paris goes from 02:00 to 03:00 on 29 March 2026: the day runs from 28 March 23:00 UTC to 29 March 22:00 UTC
    await deliver([committed(t.orgId, t.tokenId, issue(t.alice, '1', '2026-03-28T23:00:00Z')), committed(t.orgId, t.tokenId, issue(t.alice, '2', '2026-03-29T21:59:00Z'))]);
    const r = dataOrThrow(await p.execute<Report>(REPORT, { t: t.tokenId, r: day('2026-03-28', '2026-03-30', 'Europe/Paris') }, t.auditor)).tokenAnalytics;
    expect(r.periods.map((x) => x.issued)).toEqual(['0', '3', '0']);
  });
});

describe('bad input and who may read', () => {
  const t = tenant();
  const codeOf = async (variables: Record<string, unknown>, who: Principal = t.auditor) => {
    const r = await p.execute(REPORT, variables, who);
    return { code: r.errors?.[0]?.extensions?.code, field: r.errors?.[0]?.extensions?.['field'], reason: r.errors?.[0]?.extensions?.['reason'] };
  };

  it.each([
    [day('2026-03-02', '2026-03-01'), 'to', 'FROM_AFTER_TO'],
    [day('2026-03-01', '2026-03-02', 'Mars/Olympus_Mons'), 'timeZone', 'UNKNOWN_TIME_ZONE'],
    [day('2020-01-01', '2026-12-31'), 'to', 'RANGE_TOO_LARGE'],
    [day('2026-02-30', '2026-03-02'), 'from', 'INVALID_DATE'],
    [day('yesterday', '2026-03-02'), 'from', 'INVALID_DATE'],
  ])('refuses %j with BAD_USER_INPUT on %s (%s)', async (range, field, reason) => {
    expect(await codeOf({ t: t.tokenId, r: range })).toEqual({ code: 'BAD_USER_INPUT', field, reason });
  });

  it('refuses an unknown granularity and a token id that is not one', async () => {
    expect((await codeOf({ t: t.tokenId, r: day('2026-03-01', '2026-03-02', 'UTC', 'HOUR') })).code).toBe('BAD_USER_INPUT');
    expect(await codeOf({ t: 'nope', r: day('2026-03-01', '2026-03-02') })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tokenId' });
  });

  it('shows each organisation only its own numbers, and a member only their own balance', async () => {
    const a = tenant();
    await deliver([committed(a.orgId, a.tokenId, issue(a.alice, '42', '2026-06-01T12:00:00Z'))]);
    const stranger = tenant();
    const probe = dataOrThrow(await p.execute<Report>(REPORT, { t: a.tokenId, r: day('2026-06-01', '2026-06-01') }, stranger.auditor)).tokenAnalytics;
    expect(probe.totals).toMatchObject({ issued: '0', transactions: 0, circulatingSupply: '0' });
    const theirHolders = dataOrThrow(await p.execute<{ tokenHolders: { holders: number; top: unknown[] } }>(HOLDERS, { t: a.tokenId }, stranger.admin)).tokenHolders;
    expect(theirHolders).toMatchObject({ holders: 0, top: [] });
    const asOther = dataOrThrow(await p.execute<{ myBalanceHistory: { points: { balance: string }[] } }>(MINE, { t: a.tokenId, r: day('2026-06-01', '2026-06-01') }, userPrincipal(a.alice, stranger.orgId, 'member')));
    expect(asOther.myBalanceHistory.points.map((x) => x.balance)).toEqual(['0']);
    const own = dataOrThrow(await p.execute<{ myBalanceHistory: { points: { balance: string }[] } }>(MINE, { t: a.tokenId, r: day('2026-06-01', '2026-06-01') }, a.as(a.alice)));
    expect(own.myBalanceHistory.points.map((x) => x.balance)).toEqual(['42']);
    const member = await p.execute(REPORT, { t: a.tokenId, r: day('2026-06-01', '2026-06-01') }, a.as(a.alice));
    expect(member.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('ignores an event whose payload is off its contract', async () => {
    const t2 = tenant();
    const bad = committed(t2.orgId, t2.tokenId, issue(t2.alice, '5', '2026-06-02T12:00:00Z'));
    await p.bus.publish([{ ...bad, payload: { ...bad.payload, postings: [] } }]);
    const good = committed(t2.orgId, t2.tokenId, issue(t2.alice, '6', '2026-06-02T12:00:00Z'));
    await deliver([good]);
    const r = dataOrThrow(await p.execute<Report>(REPORT, { t: t2.tokenId, r: day('2026-06-02', '2026-06-02') }, t2.auditor)).tokenAnalytics;
    expect(r.totals.issued).toBe('6');
  });

  it('counts people who joined and left', async () => {
    const t3 = tenant();
    const change = (role: string | null, previousRole: string | null) => ({
      id: randomUUID(),
      type: EVENT_TYPES.orgMembershipChanged,
      orgId: t3.orgId,
      occurredAt: '2026-07-01T10:00:00Z',
      payload: { membershipId: randomUUID(), orgId: t3.orgId, userId: randomUUID(), role, previousRole, actorId: null },
    });
    await deliver([change('member', null), change('admin', null), change('admin', 'member'), change(null, 'member')]);
    const r = dataOrThrow(await p.execute<{ membershipAnalytics: { periods: unknown[] } }>('query($r: AnalyticsRangeInput!) { membershipAnalytics(range: $r) { periods { start joined left } } }', { r: day('2026-07-01', '2026-07-01') }, t3.auditor));
    expect(r.membershipAnalytics.periods).toEqual([{ start: '2026-07-01', joined: 2, left: 1 }]);
  });
});
