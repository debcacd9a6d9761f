import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, queryRows, type Tx } from '@etika/kit';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';

let p: TestPlatform;
let t: Tenant;
let other: Tenant;
let tokenId: string;

const DEFINE = 'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id symbol maxSupply } }';
const MOVE = (op: string) => `mutation($input: MovementInput!) { ${op}(input: $input) { id kind postings { amount ownerType owner { id } } } }`;
const WALLET = '{ me { wallet { token { id } amount } } }';

async function define(tenant: Tenant, symbol: string, maxSupply: string | null = null): Promise<string> {
  return dataOrThrow(await p.gql<{ defineToken: { id: string } }>(DEFINE, { input: { name: `${symbol} points`, symbol, decimals: 2, maxSupply } }, bearer(tenant.tokens.owner))).defineToken.id;
}

function move(op: 'issueTokens' | 'transferTokens' | 'redeemTokens', token: string, who: string, input: { tokenId?: string; amount: string; toUserId?: string; idempotencyKey?: string }) {
  return p.gql<Record<string, { id: string }>>(MOVE(op), { input: { tokenId: input.tokenId ?? tokenId, idempotencyKey: input.idempotencyKey ?? randomUUID(), amount: input.amount, toUserId: input.toUserId } }, bearer(token)).then((r) => ({ ...r, who }));
}

async function balance(token: string, of = tokenId): Promise<string> {
  const r = dataOrThrow(await p.gql<{ me: { wallet: { token: { id: string }; amount: string }[] } }>(WALLET, {}, bearer(token)));
  return r.me.wallet.find((b) => b.token.id === of)?.amount ?? '0';
}

beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'ledger');
  other = await seedTenant(p, 'other');
  tokenId = await define(t, 'PTS');
});
afterAll(() => p?.close());

describe('issue, transfer, redeem', () => {
  it('moves tokens with balanced postings and updates wallets and supply', async () => {
    dataOrThrow(await move('issueTokens', t.tokens.admin, 'admin', { amount: '1000', toUserId: t.userIds.member }));
    const sent = dataOrThrow(await move('transferTokens', t.tokens.member, 'member', { amount: '250', toUserId: t.userIds.owner }));
    expect(sent.transferTokens).toBeDefined();
    dataOrThrow(await move('redeemTokens', t.tokens.owner, 'owner', { amount: '50' }));
    expect(await balance(t.tokens.member)).toBe('750');
    expect(await balance(t.tokens.owner)).toBe('200');
    const supply = dataOrThrow(await p.gql<{ tokens: { id: string; circulatingSupply: string }[] }>('{ tokens { id circulatingSupply } }', {}, bearer(t.tokens.auditor)));
    expect(supply.tokens.find((x) => x.id === tokenId)?.circulatingSupply).toBe('950');
  });

  it.each([['-5'], ['0'], ['abc'], ['1.5'], [(2n ** 127n).toString()]])('refuses the amount %s with BAD_USER_INPUT and writes nothing', async (amount) => {
    const before = await balance(t.tokens.member);
    const r = await move('transferTokens', t.tokens.member, 'member', { amount, toUserId: t.userIds.owner });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await balance(t.tokens.member)).toBe(before);
  });

  it('refuses an overdraft, a stranger as recipient and a member issuing', async () => {
    expect((await move('transferTokens', t.tokens.auditor, 'auditor', { amount: '1', toUserId: t.userIds.owner })).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await move('transferTokens', t.tokens.owner, 'owner', { amount: '999999', toUserId: t.userIds.member })).errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_BALANCE');
    expect((await move('issueTokens', t.tokens.admin, 'admin', { amount: '5', toUserId: other.userIds.member })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await move('issueTokens', t.tokens.member, 'member', { amount: '5', toUserId: t.userIds.member })).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});

describe('idempotency', () => {
  it('the same key and input return the first result, also under concurrent retries; other input conflicts', async () => {
    const key = `pay-${randomUUID()}`;
    const before = BigInt(await balance(t.tokens.owner));
    const results = await Promise.all(Array.from({ length: 5 }, () => move('issueTokens', t.tokens.admin, 'admin', { amount: '7', toUserId: t.userIds.owner, idempotencyKey: key })));
    const ids = new Set(results.map((r) => dataOrThrow(r).issueTokens!.id));
    expect(ids.size).toBe(1);
    expect(BigInt(await balance(t.tokens.owner))).toBe(before + 7n);
    const conflict = await move('issueTokens', t.tokens.admin, 'admin', { amount: '8', toUserId: t.userIds.owner, idempotencyKey: key });
    expect(conflict.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('no double spend', () => {
  it('50 concurrent transfers of 80 from a balance of 100: exactly one succeeds, 20 remain', async () => {
    const spender = await seedTenant(p, 'spend');
    const token = await define(spender, 'SPD');
    dataOrThrow(await move('issueTokens', spender.tokens.owner, 'owner', { tokenId: token, amount: '100', toUserId: spender.userIds.member }));
    const results = await Promise.all(Array.from({ length: 50 }, () => move('transferTokens', spender.tokens.member, 'member', { tokenId: token, amount: '80', toUserId: spender.userIds.admin })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'INSUFFICIENT_BALANCE').length).toBe(49);
    expect(await balance(spender.tokens.member, token)).toBe('20');
    expect(await balance(spender.tokens.admin, token)).toBe('80');
  });
});

describe('caps, batches and reversals', () => {
  it('a capped token never exceeds its cap; redeemed tokens make room again', async () => {
    const capped = await define(t, 'CAP', '1000');
    dataOrThrow(await move('issueTokens', t.tokens.owner, 'owner', { tokenId: capped, amount: '600', toUserId: t.userIds.member }));
    expect((await move('issueTokens', t.tokens.owner, 'owner', { tokenId: capped, amount: '401', toUserId: t.userIds.member })).errors?.[0]?.extensions?.code).toBe('SUPPLY_CAP_EXCEEDED');
    dataOrThrow(await move('redeemTokens', t.tokens.member, 'member', { tokenId: capped, amount: '200' }));
    dataOrThrow(await move('issueTokens', t.tokens.owner, 'owner', { tokenId: capped, amount: '600', toUserId: t.userIds.member }));
    expect(await balance(t.tokens.member, capped)).toBe('1000');
  });

  it('a batch is all or nothing', async () => {
    const before = await balance(t.tokens.admin);
    const r = await p.gql('mutation($input: BatchInput!) { submitBatch(input: $input) { id } }', {
      input: {
        idempotencyKey: randomUUID(),
        legs: [
          { kind: 'ISSUE', tokenId, amount: '10', toUserId: t.userIds.admin },
          { kind: 'TRANSFER', tokenId, amount: '999999', toUserId: t.userIds.member },
        ],
      },
    }, bearer(t.tokens.admin));
    expect(r.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_BALANCE');
    expect(await balance(t.tokens.admin)).toBe(before);
    const ok = await p.gql<{ submitBatch: { postings: unknown[] } }>('mutation($input: BatchInput!) { submitBatch(input: $input) { postings { amount } } }', {
      input: { idempotencyKey: randomUUID(), legs: [{ kind: 'ISSUE', tokenId, amount: '10', toUserId: t.userIds.admin }, { kind: 'TRANSFER', tokenId, amount: '4', toUserId: t.userIds.member }] },
    }, bearer(t.tokens.admin));
    expect(dataOrThrow(ok).submitBatch.postings).toHaveLength(4);
    expect(BigInt(await balance(t.tokens.admin))).toBe(BigInt(before) + 6n);
  });

  it('a reversal undoes a transaction once; history is never edited', async () => {
    const issued = dataOrThrow(await move('issueTokens', t.tokens.owner, 'owner', { amount: '33', toUserId: t.userIds.auditor }));
    const id = issued.issueTokens!.id;
    const REVERSE = 'mutation($id: ID!, $k: String!) { reverseTransaction(transactionId: $id, idempotencyKey: $k) { kind reversesId } }';
    const reversed = dataOrThrow(await p.gql<{ reverseTransaction: { kind: string; reversesId: string } }>(REVERSE, { id, k: randomUUID() }, bearer(t.tokens.owner)));
    expect(reversed.reverseTransaction).toEqual({ kind: 'REVERSAL', reversesId: id });
    expect(await balance(t.tokens.auditor)).toBe('0');
    expect((await p.gql(REVERSE, { id, k: randomUUID() }, bearer(t.tokens.owner))).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const asTenant = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(p.databases.token.db, { orgId: t.orgId, userId: null }, fn);
    await expect(asTenant((tx) => tx.execute(sql`update token.postings set amount = 1`))).rejects.toThrow();
    await expect(asTenant((tx) => tx.execute(sql`delete from token.transactions`))).rejects.toThrow();
    expect((await asTenant((tx) => queryRows(tx, sql`select id from token.transactions where id = ${id}`))).length).toBe(1);
  });
});

describe('history', () => {
  it('is newest first, cursor-paginated and filterable; tenants see only their own', async () => {
    const H = 'query($input: HistoryInput!) { myTransactions(input: $input) { nodes { id createdAt } endCursor hasNextPage } }';
    type Page = { myTransactions: { nodes: { id: string; createdAt: string }[]; endCursor: string | null; hasNextPage: boolean } };
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = dataOrThrow(await p.gql<Page>(H, { input: { first: 2, after, tokenId } }, bearer(t.tokens.member)));
      seen.push(...page.myTransactions.nodes.map((n) => n.createdAt));
      after = page.myTransactions.endCursor;
      expect(page.myTransactions.hasNextPage).toBe(after !== null);
    } while (after);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort().reverse()).toEqual(seen);
    const future = dataOrThrow(await p.gql<Page>(H, { input: { first: 10, from: new Date(Date.now() + 60_000).toISOString() } }, bearer(t.tokens.member)));
    expect(future.myTransactions.nodes).toEqual([]);
    const otherOrg = dataOrThrow(await p.gql<{ organizationTransactions: { nodes: unknown[] } }>('{ organizationTransactions(input: { first: 50 }) { nodes { id } } }', {}, bearer(other.tokens.auditor)));
    expect(otherOrg.organizationTransactions.nodes).toEqual([]);
    const bad = await p.gql(H, { input: { first: 2, after: 'not-a-cursor' } }, bearer(t.tokens.member));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('audit', () => {
  it('a transfer commits with exactly one audit row; a refused one is recorded as a failure', async () => {
    const key = randomUUID();
    dataOrThrow(await move('transferTokens', t.tokens.member, 'member', { amount: '1', toUserId: t.userIds.owner, idempotencyKey: key }));
    await move('transferTokens', t.tokens.member, 'member', { amount: '999999999', toUserId: t.userIds.owner });
    const rows = await inTenant(p.databases.token.db, { orgId: t.orgId, userId: null }, (tx) =>
      queryRows<{ outcome: string; error_code: string | null }>(
        tx,
        sql`select outcome, error_code from token.audit_log where operation = 'transferTokens' and actor = ${`user:${t.userIds.member}`} order by id desc limit 2`,
      ),
    );
    expect(rows).toEqual([
      { outcome: 'failure', error_code: 'INSUFFICIENT_BALANCE' },
      { outcome: 'success', error_code: null },
    ]);
    const perRequest = await inTenant(p.databases.token.db, { orgId: t.orgId, userId: null }, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from token.audit_log where operation = 'transferTokens' group by request_id order by n desc limit 1`),
    );
    expect(perRequest[0]?.n).toBe(1);
  });
});
