import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token } from '@etika/token';
import { analytics } from '../src/index.ts';
import { rebuildNumbers } from '../src/rebuild/rebuild.ts';
import { committed, eventually, issue } from './helpers.ts';

/**
 * `npm run analytics:rebuild` calls `rebuildNumbers`: the numbers rebuilt from the real producers' outboxes (token,
 * org) come out as the events made them, whatever analytics held before, and the consumer goes on after it.
 */
let p: SubgraphTest;
let a: Tenant;
let b: Tenant;
let tokenId: string;
const logger = createLogger('rebuild-test', 'silent');

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = (timeZone: string) => ({ from: day(-1), to: day(1), granularity: 'DAY', timeZone });
const REPORT = `query($t: ID!, $r: AnalyticsRangeInput!) { tokenAnalytics(tokenId: $t, range: $r) {
  periods { start issued transferred redeemed transactions activeMembers circulatingSupply } totals { issued transactions activeMembers circulatingSupply } } }`;
const HOLDERS = 'query($t: ID!) { tokenHolders(tokenId: $t, top: 10) { holders circulatingSupply top { user { id } balance } } }';
const JOINED = 'query($r: AnalyticsRangeInput!) { membershipAnalytics(range: $r) { periods { start joined left } } }';
const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id } }`;
type Report = { tokenAnalytics: { totals: { issued: string; transactions: number; activeMembers: number } } };

async function snapshot(t: Tenant) {
  return {
    utc: dataOrThrow(await p.execute<Report>(REPORT, { t: tokenId, r: range('UTC') }, t.as.auditor)),
    kathmandu: dataOrThrow(await p.execute(REPORT, { t: tokenId, r: range('Asia/Kathmandu') }, t.as.auditor)),
    holders: dataOrThrow(await p.execute(HOLDERS, { t: tokenId }, t.as.auditor)),
    joined: dataOrThrow(await p.execute(JOINED, { r: range('UTC') }, t.as.auditor)),
  };
}
const joined = async (t: Tenant) =>
  dataOrThrow(await p.execute<{ membershipAnalytics: { periods: { joined: number }[] } }>(JOINED, { r: range('UTC') }, t.as.auditor)).membershipAnalytics.periods.reduce((n, x) => n + x.joined, 0);
const transactions = async () => (await snapshot(a)).utc.tokenAnalytics.totals.transactions;

async function move(op: string, amount: string, who: Tenant['as'][keyof Tenant['as']], to?: string) {
  dataOrThrow(await p.subgraph('token').execute(MOVE(op), { input: { tokenId, idempotencyKey: randomUUID(), amount, toUserId: to } }, who));
}

beforeAll(async () => {
  p = await startSubgraphTest(analytics, { peers: [token, org, identity] });
  a = await seedTenant(p, 'rebuild');
  b = await seedTenant(p, 'rebuild-other');
  const define = 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }';
  tokenId = dataOrThrow(await p.subgraph('token').execute<{ defineToken: { id: string } }>(define, { input: { name: 'Points', symbol: 'PTS', decimals: 0, maxSupply: null } }, a.as.owner)).defineToken.id;
  await move('issueTokens', '500', a.as.admin, a.userIds.member);
  await move('transferTokens', '120', a.as.member, a.userIds.admin);
  await move('redeemTokens', '20', a.as.admin);
  await eventually(async () => (await transactions()) === 3, 'the transactions to be counted');
  for (const t of [a, b]) await eventually(async () => (await joined(t)) === Object.keys(t.userIds).length, 'the memberships to be counted');
}, 120_000);
afterAll(() => p?.close());

describe('rebuilding the numbers', () => {
  it("gives back the numbers of the producers' events, whatever analytics held, and the consumer goes on after it", async () => {
    const before = await snapshot(a);
    const theirs = await snapshot(b);
    // numbers no producer's event stands for: an event straight on the bus, in no outbox
    const stray = committed(a.orgId, tokenId, issue(randomUUID(), '999', new Date(Date.now() - 86_400_000).toISOString()));
    await p.bus.publish([stray]);
    await eventually(async () => (await transactions()) === 4, 'the stray event to be counted');
    expect((await snapshot(a)).utc.tokenAnalytics.totals).toMatchObject({ issued: '1499', activeMembers: 3 });

    const report = await rebuildNumbers(p.database.db, logger, { batch: 2 });
    expect(report.producers).toEqual(expect.arrayContaining(['org', 'token']));
    // three transactions, and the memberships of both organisations
    expect(report.events).toBeGreaterThan(3);
    expect(report.rejected).toBe(0);
    expect(await snapshot(a)).toEqual(before);
    expect(await snapshot(b)).toEqual(theirs);
    // again: the same numbers, nothing counted twice
    expect((await rebuildNumbers(p.database.db, logger)).events).toBe(report.events);
    expect(await snapshot(a)).toEqual(before);

    // an event replayed by the rebuild and delivered again changes nothing; a new one is counted
    await move('transferTokens', '5', a.as.member, a.userIds.owner);
    await eventually(async () => (await transactions()) === 4, 'the new transfer to be counted');
    expect((await snapshot(a)).utc.tokenAnalytics.totals).toMatchObject({ issued: '500', activeMembers: 3 });
  });
});
