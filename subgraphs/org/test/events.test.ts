import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import { org } from '../src/index.ts';
import { seedTenant, type Tenant } from './fixtures.ts';

/** org's events are written in the transaction of the change they describe, and only when it commits. */
let p: SubgraphTest;
let a: Tenant;
beforeAll(async () => {
  p = await startSubgraphTest(org, { peers: [identity] });
  a = await seedTenant(p, 'events');
});
afterAll(() => p?.close());

async function outbox(database: Database, orgId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', 'outbox-relay', true)`);
    const rows = await queryRows<{ type: string; payload: unknown }>(tx, sql`select type, payload from org.outbox where org_id = ${orgId}::uuid and type <> ${EVENT_TYPES.auditRecorded} order by occurred_at, id`);
    return rows.map((r) => ({ type: r.type, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> }));
  });
}

describe('org events', () => {
  it('records the owner joining, each invitation and each acceptance, every payload fitting its contract', async () => {
    const events = await outbox(p.database, a.orgId);
    const joined = events.filter((e) => e.type === EVENT_TYPES.orgMembershipChanged);
    expect(joined.map((e) => [e.payload['userId'], e.payload['role'], e.payload['previousRole']])).toEqual([
      [a.userIds.owner, 'owner', null],
      [a.userIds.admin, 'admin', null],
      [a.userIds.member, 'member', null],
      [a.userIds.auditor, 'auditor', null],
    ]);
    const invited = events.filter((e) => e.type === EVENT_TYPES.orgInvitationCreated);
    expect(invited.map((e) => e.payload['email'])).toEqual([a.emails.admin, a.emails.member, a.emails.auditor]);
    for (const e of events) expect(EVENT_PAYLOADS[e.type as keyof typeof EVENT_PAYLOADS].safeParse(e.payload).success).toBe(true);
  });

  it('records a change of role with who made it, a removal, and nothing for a refused change', async () => {
    const before = (await outbox(p.database, a.orgId)).length;
    dataOrThrow(await p.execute('mutation($id: ID!) { changeMemberRole(membershipId: $id, role: ADMIN) { id } }', { id: a.membershipIds.member }, a.as.owner));
    const refused = await p.execute('mutation($id: ID!) { changeMemberRole(membershipId: $id, role: OWNER) { id } }', { id: a.membershipIds.auditor }, a.as.member);
    expect(refused.errors?.length).toBeGreaterThan(0);
    dataOrThrow(await p.execute('mutation($id: ID!) { removeMember(membershipId: $id) { id } }', { id: a.membershipIds.auditor }, a.as.owner));
    const after = (await outbox(p.database, a.orgId)).slice(before);
    expect(after.map((e) => [e.payload['userId'], e.payload['role'], e.payload['previousRole'], e.payload['actorId']])).toEqual([
      [a.userIds.member, 'admin', 'member', a.userIds.owner],
      [a.userIds.auditor, null, 'auditor', a.userIds.owner],
    ]);
  });
});
