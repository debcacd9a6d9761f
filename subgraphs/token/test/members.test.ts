import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@etika/kit';
import { EVENT_TYPES } from '@etika/schema';
import { dataOrThrow, outboxEvents, rowsInTenant, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';

let p: SubgraphTest;
let t: Tenant;
let tokenId: string;

const ISSUE = 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }';
const issueTo = (userId: string) => p.execute(ISSUE, { input: { tokenId, amount: '1', toUserId: userId, idempotencyKey: randomUUID() } }, t.as.owner);
const known = async (userId: string) =>
  rowsInTenant<{ member: boolean }>(p.database.db, t.orgId, sql`select member from token.members where user_id = ${userId}::uuid`);

/** Until token's consumer has handled every membership event org has written so far. */
async function orgEventsHandled(): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const written = (await outboxEvents(p.subgraph('org').database.db, 'org')).filter((e) => e.type === EVENT_TYPES.orgMembershipChanged).length;
    const [handled] = await queryRows<{ n: number }>(p.database.db, sql`select count(*)::int as n from token.inbox where consumer = 'token-members'`);
    if (handled!.n >= written) return;
    if (Date.now() > until) throw new Error('token never handled org’s membership events');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'members');
  // the seeding's own membership events are handled first, so they cannot make token forget what a test learns
  await orgEventsHandled();
  tokenId = dataOrThrow(await p.execute<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Kept', symbol: 'KPT', decimals: 0 } }, t.as.owner)).defineToken.id;
});
afterAll(() => p?.close());

describe('who may receive tokens, known locally and never stale', () => {
  it('org is asked about a recipient once; org’s membership event makes token forget the person', async () => {
    dataOrThrow(await issueTo(t.userIds.auditor));
    expect(await known(t.userIds.auditor)).toEqual([{ member: true }]);
    dataOrThrow(await p.subgraph('org').execute('mutation($id: ID!) { changeMemberRole(membershipId: $id, role: MEMBER) { id } }', { id: t.membershipIds.auditor }, t.as.owner));
    // org's relay publishes the change; token's consumer deletes what it knew
    const until = Date.now() + 10_000;
    while ((await known(t.userIds.auditor)).length > 0) {
      if (Date.now() > until) throw new Error('the membership event never reached token');
      await new Promise((r) => setTimeout(r, 50));
    }
    dataOrThrow(await issueTo(t.userIds.auditor));
    expect(await known(t.userIds.auditor)).toEqual([{ member: true }]);
  });

  it('20 concurrent issuances to a person token does not know yet all commit, org asked under one epoch', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => issueTo(t.userIds.admin)));
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual([]);
    expect(await known(t.userIds.admin)).toEqual([{ member: true }]);
  });

  it('a removal is effective at once, whether or not org’s event has arrived', async () => {
    dataOrThrow(await issueTo(t.userIds.member));
    expect(await known(t.userIds.member)).toEqual([{ member: true }]);
    dataOrThrow(await p.subgraph('org').execute('mutation($id: ID!) { removeMember(membershipId: $id) { id } }', { id: t.membershipIds.member }, t.as.owner));
    // the epoch org raised is newer than what token knows: org is asked again, and says no
    const refused = await issueTo(t.userIds.member);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.errors?.[0]?.extensions?.['field']).toBe('legs.0.toUserId');
    expect((await issueTo(t.userIds.member)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
