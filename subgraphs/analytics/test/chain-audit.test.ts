import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { chain } from '@etika/chain';
import { analytics } from '../src/index.ts';
import { eventually } from './helpers.ts';

/** The chain subgraph's audit records reach the organisation-wide trail through its outbox relay, as the others' do. */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(analytics, { peers: [chain] });
});
afterAll(() => p?.close());

const TRAIL = 'query($f: AuditTrailFilter) { auditTrail(filter: $f, first: 50) { entries { subgraph actor action outcome errorCode } } }';
type Trail = { auditTrail: { entries: { subgraph: string; actor: string; action: string; outcome: string; errorCode: string | null }[] } };

describe("chain's audit records", () => {
  it("reach the organisation's trail, failures included, and no other organisation's", async () => {
    const [orgId, other] = [randomUUID(), randomUUID()];
    const [admin, member] = [randomUUID(), randomUUID()];
    const publish = 'mutation { publishCheckpoint { treeSize } }';
    await p.subgraph('chain').execute(publish, {}, userPrincipal(admin, orgId, 'admin'));
    const refused = await p.subgraph('chain').execute(publish, {}, userPrincipal(member, orgId, 'member'));
    expect(refused.errors?.[0]?.extensions?.code).toBeTruthy();
    const auditor = userPrincipal(randomUUID(), orgId, 'auditor');
    const entries = async () => dataOrThrow(await p.execute<Trail>(TRAIL, { f: {} }, auditor)).auditTrail.entries.filter((e) => e.subgraph === 'chain');
    await eventually(async () => (await entries()).length >= 2, "chain's records to reach the trail");
    expect((await entries()).map((e) => [e.actor, e.action, e.outcome, e.errorCode]).sort()).toEqual(
      [
        [`user:${admin}`, 'publishCheckpoint', 'SUCCESS', null],
        [`user:${member}`, 'publishCheckpoint', 'FAILURE', refused.errors?.[0]?.extensions?.code],
      ].sort(),
    );
    const stranger = dataOrThrow(await p.execute<Trail>(TRAIL, { f: {} }, userPrincipal(randomUUID(), other, 'auditor'))).auditTrail.entries;
    expect(stranger).toEqual([]);
  });
});
