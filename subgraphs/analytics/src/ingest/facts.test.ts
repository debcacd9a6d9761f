import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenTransactionCommitted } from '@etika/schema';
import { transactionFacts } from './facts.ts';

const [token, alice, bob] = [randomUUID(), randomUUID(), randomUUID()];
type Leg = [TokenTransactionCommitted['postings'][number]['ownerType'], string | null, string];
const tx = (kind: TokenTransactionCommitted['kind'], legs: Leg[]): TokenTransactionCommitted => ({
  transactionId: randomUUID(),
  orgId: randomUUID(),
  kind,
  reversesId: null,
  memo: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  postings: legs.map(([ownerType, ownerId, amount]) => ({ accountId: randomUUID(), tokenId: token, ownerType, ownerId, amount })),
});

describe('what a transaction counts for', () => {
  it('reads a batch leg by leg: an issue, a transfer and a redemption at once', () => {
    const [f] = transactionFacts(
      tx('batch', [['issuance', null, '-100'], ['member', alice, '100'], ['member', alice, '-30'], ['member', bob, '30'], ['member', bob, '-5'], ['redemption', null, '5']]),
    );
    expect(f).toMatchObject({ issued: 100n, transferred: 30n, redeemed: 5n, sold: 0n, supplyDelta: 95n });
    expect(Object.fromEntries(f!.members)).toEqual({ [alice]: 70n, [bob]: 25n });
  });

  it('counts a purchase as sold, a reversal and a refund by their volume, and supply from members only', () => {
    expect(transactionFacts(tx('purchase', [['sale', null, '-40'], ['member', alice, '40']]))[0]).toMatchObject({ sold: 40n, issued: 0n, transferred: 0n, supplyDelta: 40n });
    expect(transactionFacts(tx('reversal', [['member', alice, '-40'], ['issuance', null, '40']]))[0]).toMatchObject({ reversed: 40n, issued: 0n, supplyDelta: -40n });
    expect(transactionFacts(tx('refund', [['member', alice, '-10'], ['sale', null, '10']]))[0]).toMatchObject({ refunded: 10n, sold: 0n, supplyDelta: -10n });
  });

  it('keeps amounts beyond 2^53 exact', () => {
    const big = (2n ** 120n).toString();
    expect(transactionFacts(tx('issue', [['issuance', null, `-${big}`], ['member', alice, big]]))[0]?.issued).toBe(2n ** 120n);
  });
});
