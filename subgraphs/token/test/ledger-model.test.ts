import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, queryRows } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';
import { walletOf } from './fixtures.ts';

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Role = 'owner' | 'admin' | 'member' | 'auditor';
const SEED = 20261125;
let p: SubgraphTest;
let t: Tenant;
const tokens: { id: string; cap: bigint | null }[] = [];

beforeAll(async () => {
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'model');
  for (const [symbol, cap] of [['MOD', null], ['CAPD', '5000']] as const) {
    const r = dataOrThrow(await p.execute<{ defineToken: { id: string } }>(
      'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }',
      { input: { name: symbol, symbol, decimals: 0, maxSupply: cap } },
      t.as.owner,
    ));
    tokens.push({ id: r.defineToken.id, cap: cap === null ? null : BigInt(cap) });
  }
});
afterAll(() => p?.close());

const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id } }`;
const HOLDERS: Role[] = ['owner', 'admin', 'member', 'auditor'];
const SENDERS: Role[] = ['owner', 'admin', 'member'];

describe('a seeded random run against an in-memory model', () => {
  it('every outcome and every final balance matches the model; the invariants hold, also after concurrent load', async () => {
    const rand = prng(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const balance = new Map<string, bigint>();
    const key = (token: string, role: Role) => `${token}:${role}`;
    const get = (token: string, role: Role) => balance.get(key(token, role)) ?? 0n;
    const circulating = (token: string) => HOLDERS.reduce((s, r) => s + get(token, r), 0n);

    for (let step = 0; step < 120; step++) {
      const token = pick(tokens);
      const amount = BigInt(1 + Math.floor(rand() * 400));
      const kind = pick(['issue', 'issue', 'transfer', 'transfer', 'redeem'] as const);
      let expected: string | null = null;
      let r;
      if (kind === 'issue') {
        const to = pick(HOLDERS);
        if (token.cap !== null && circulating(token.id) + amount > token.cap) expected = 'SUPPLY_CAP_EXCEEDED';
        r = await p.execute(MOVE('issueTokens'), { input: { tokenId: token.id, amount: amount.toString(), toUserId: t.userIds[to], idempotencyKey: randomUUID() } }, t.as.owner);
        if (!expected) balance.set(key(token.id, to), get(token.id, to) + amount);
      } else if (kind === 'transfer') {
        const from = pick(SENDERS);
        const to = pick(HOLDERS.filter((h) => h !== from));
        if (get(token.id, from) < amount) expected = 'INSUFFICIENT_BALANCE';
        r = await p.execute(MOVE('transferTokens'), { input: { tokenId: token.id, amount: amount.toString(), toUserId: t.userIds[to], idempotencyKey: randomUUID() } }, t.as[from]);
        if (!expected) {
          balance.set(key(token.id, from), get(token.id, from) - amount);
          balance.set(key(token.id, to), get(token.id, to) + amount);
        }
      } else {
        const from = pick(SENDERS);
        if (get(token.id, from) < amount) expected = 'INSUFFICIENT_BALANCE';
        r = await p.execute(MOVE('redeemTokens'), { input: { tokenId: token.id, amount: amount.toString(), idempotencyKey: randomUUID() } }, t.as[from]);
        if (!expected) balance.set(key(token.id, from), get(token.id, from) - amount);
      }
      expect({ step, code: r.errors?.[0]?.extensions?.code ?? null }).toEqual({ step, code: expected });
    }

    for (const role of HOLDERS) {
      const wallet = await walletOf(p, t.as[role]);
      for (const token of tokens) {
        expect({ role, token: token.id, amount: wallet.find((w) => w.token.id === token.id)?.amount ?? '0' }).toEqual({ role, token: token.id, amount: get(token.id, role).toString() });
      }
    }

    // concurrent load: outcomes depend on ordering, the invariants must not
    await Promise.all(Array.from({ length: 60 }, () => {
      const from = pick(SENDERS);
      return p.execute(MOVE('transferTokens'), { input: { tokenId: pick(tokens).id, amount: String(1 + Math.floor(rand() * 200)), toUserId: t.userIds[pick(HOLDERS.filter((h) => h !== from))], idempotencyKey: randomUUID() } }, t.as[from]);
    }));

    await inTenant(p.database.db, { orgId: t.orgId, userId: null }, async (tx) => {
      const postingCount = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from token.postings`);
      expect(postingCount[0]!.n).toBeGreaterThan(100);
      const sums = await queryRows<{ total: string }>(tx, sql`select sum(amount)::text as total from token.postings group by token_id`);
      expect(sums.map((s) => s.total)).toEqual(tokens.map(() => '0'));
      const drift = await queryRows(tx, sql`
        select a.id from token.accounts a left join token.postings p on p.account_id = a.id
        group by a.id, a.balance having a.balance <> coalesce(sum(p.amount), 0)`);
      expect(drift).toEqual([]);
      const negative = await queryRows(tx, sql`select id from token.accounts where owner_type = 'member' and balance < 0`);
      expect(negative).toEqual([]);
    });
  });
});
