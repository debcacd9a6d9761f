import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOrThrow, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { org } from '@etika/org';
import { seedTenant, type Tenant } from '@etika/org/testing';
import { token as tokenSubgraph } from '../src/index.ts';
import { walletOf } from './fixtures.ts';

const SUBMIT = `mutation($input: MovementsInput!) {
  submitMovements(input: $input) { idempotencyKey transaction { id kind postings { amount } } refusal { code message field } }
}`;
type Result = { idempotencyKey: string; transaction: { id: string; kind: string; postings: { amount: string }[] } | null; refusal: { code: string; message: string; field: string | null } | null };

let p: SubgraphTest;
let t: Tenant;
let tokenId: string;

beforeAll(async () => {
  p = await startSubgraphTest(tokenSubgraph, { peers: [org, identity] });
  t = await seedTenant(p, 'movements');
  const defined = await p.execute<{ defineToken: { id: string } }>('mutation($input: DefineTokenInput!) { defineToken(input: $input) { id } }', { input: { name: 'Partner points', symbol: 'PRT', decimals: 0 } }, t.as.owner);
  tokenId = dataOrThrow(defined).defineToken.id;
});
afterAll(() => p?.close());

const balance = async (who: Tenant['as'][keyof Tenant['as']]) => (await walletOf(p, who)).find((b) => b.token.id === tokenId)?.amount ?? '0';
const submit = (movements: Record<string, unknown>[]) => p.execute<{ submitMovements: Result[] }>(SUBMIT, { input: { movements } }, t.as.admin);

describe('partner batch: independent movements, each with its own key and result', () => {
  it('commits the good ones, refuses the others with their own reason and writes nothing of them; sent again, it replays', async () => {
    const movements = [
      { kind: 'ISSUE', tokenId, amount: '100', toUserId: t.userIds.admin, idempotencyKey: randomUUID() },
      { kind: 'TRANSFER', tokenId, amount: '30', toUserId: t.userIds.member, idempotencyKey: randomUUID() },
      { kind: 'TRANSFER', tokenId, amount: '1000', toUserId: t.userIds.member, idempotencyKey: randomUUID() },
      { kind: 'ISSUE', tokenId, amount: '-5', toUserId: t.userIds.member, idempotencyKey: randomUUID() },
      { kind: 'REDEEM', tokenId, amount: '20', idempotencyKey: randomUUID(), memo: 'back to the shop' },
    ];
    const first = dataOrThrow(await submit(movements)).submitMovements;
    expect(first.map((r) => r.idempotencyKey)).toEqual(movements.map((m) => m.idempotencyKey));
    expect(first.map((r) => r.transaction?.kind ?? r.refusal?.code)).toEqual(['ISSUE', 'TRANSFER', 'INSUFFICIENT_BALANCE', 'BAD_USER_INPUT', 'REDEEM']);
    expect(first[3]!.refusal!.field).toBe('legs.0.amount');
    expect(await balance(t.as.admin)).toBe('50');
    expect(await balance(t.as.member)).toBe('30');

    const again = dataOrThrow(await submit(movements)).submitMovements;
    expect(again.map((r) => r.transaction?.id ?? r.refusal?.code)).toEqual(first.map((r) => r.transaction?.id ?? r.refusal?.code));
    expect(await balance(t.as.admin)).toBe('50');
    expect(await balance(t.as.member)).toBe('30');
  });

  it('a key used twice with different movements is refused for the second only', async () => {
    const key = randomUUID();
    const r = dataOrThrow(await submit([
      { kind: 'ISSUE', tokenId, amount: '1', toUserId: t.userIds.member, idempotencyKey: key },
      { kind: 'ISSUE', tokenId, amount: '2', toUserId: t.userIds.member, idempotencyKey: key },
    ])).submitMovements;
    expect(r.map((x) => x.transaction ? 'committed' : x.refusal!.code)).toEqual(['committed', 'IDEMPOTENCY_CONFLICT']);
  });

  it('needs the scope of each movement, and 1 to 100 movements', async () => {
    const asMember = await p.execute<{ submitMovements: Result[] }>(SUBMIT, { input: { movements: [{ kind: 'ISSUE', tokenId, amount: '1', toUserId: t.userIds.member, idempotencyKey: randomUUID() }] } }, t.as.member);
    expect(asMember.data?.submitMovements?.[0]?.refusal?.code ?? asMember.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await submit([])).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 101 }, () => ({ kind: 'ISSUE', tokenId, amount: '1', toUserId: t.userIds.member, idempotencyKey: randomUUID() }));
    expect((await submit(many)).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
