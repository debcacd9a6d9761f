import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, parseAmountOrThrow } from './amount.ts';
import { isBalanced, netChanges, postingsOf, reversalOf, supplyChanges, type Posting } from './postings.ts';

const T = '00000000-0000-4000-8000-000000000001';
const A = '00000000-0000-4000-8000-0000000000aa';
const B = '00000000-0000-4000-8000-0000000000bb';
const U = '00000000-0000-4000-8000-000000000002';

describe('parseAmountOrThrow', () => {
  it.each(['1', '250', ' 42 ', MAX_AMOUNT.toString()])('accepts %j', (raw) => {
    expect(parseAmountOrThrow(raw)).toBe(BigInt(raw.trim()));
  });

  it.each(['0', '-5', '1.5', '1.', 'abc', '', '1e3', '0x10', (MAX_AMOUNT + 1n).toString(), '9'.repeat(41)])('refuses %j', (raw) => {
    expect(() => parseAmountOrThrow(raw)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });
});

describe('postings', () => {
  it('every kind of leg balances per token', () => {
    for (const kind of ['issue', 'transfer', 'redeem'] as const) {
      const p = postingsOf({ kind, tokenId: T, amount: 7n, from: A, to: B });
      expect(isBalanced(p)).toBe(true);
      expect(p.reduce((s, x) => s + x.amount, 0n)).toBe(0n);
    }
  });

  it('issuing debits the issuance account; redeeming credits the redemption account', () => {
    expect(postingsOf({ kind: 'issue', tokenId: T, amount: 5n, from: null, to: A }).map((p) => [p.account.ownerType, p.amount])).toEqual([['issuance', -5n], ['member', 5n]]);
    expect(postingsOf({ kind: 'redeem', tokenId: T, amount: 5n, from: A, to: null }).map((p) => [p.account.ownerType, p.amount])).toEqual([['member', -5n], ['redemption', 5n]]);
  });

  it('nets a batch per account in a stable order and drops what cancels out', () => {
    const legs = [
      ...postingsOf({ kind: 'transfer', tokenId: T, amount: 5n, from: A, to: B }),
      ...postingsOf({ kind: 'transfer', tokenId: T, amount: 5n, from: B, to: A }),
      ...postingsOf({ kind: 'issue', tokenId: T, amount: 3n, from: null, to: B }),
    ];
    const net = netChanges(legs);
    expect(net.map((n) => [n.account.ownerType, n.account.ownerId, n.delta])).toEqual([['issuance', null, -3n], ['member', B, 3n]]);
    expect(netChanges([...legs].reverse())).toEqual(net);
  });

  it('a reversal mirrors the original', () => {
    const original = postingsOf({ kind: 'transfer', tokenId: T, amount: 9n, from: A, to: B });
    expect(isBalanced([...original, ...reversalOf(original)])).toBe(true);
    expect(netChanges([...original, ...reversalOf(original)])).toEqual([]);
  });

  it('an unbalanced set is detected', () => {
    expect(isBalanced([{ account: { tokenId: T, ownerType: 'member', ownerId: A }, amount: 1n }])).toBe(false);
  });
});

describe('supplyChanges', () => {
  const issue = (amount: bigint, tokenId = T) => postingsOf({ kind: 'issue', tokenId, amount, from: null, to: A });
  const redeem = (amount: bigint, tokenId = T) => postingsOf({ kind: 'redeem', tokenId, amount, from: A, to: null });
  const transfer = (amount: bigint) => postingsOf({ kind: 'transfer', tokenId: T, amount, from: A, to: B });
  const changes = (postings: Posting[]) => Object.fromEntries(supplyChanges(postings));

  it('an issuance puts tokens into circulation, a redemption takes them out, a transfer changes nothing', () => {
    expect(changes(issue(5n))).toEqual({ [T]: 5n });
    expect(changes(redeem(5n))).toEqual({ [T]: -5n });
    expect(changes(transfer(5n))).toEqual({});
  });

  it('a reversal is read from its postings, not its kind: undoing a redemption puts tokens back into circulation', () => {
    expect(changes(reversalOf(redeem(50n)))).toEqual({ [T]: 50n });
    expect(changes(reversalOf(issue(50n)))).toEqual({ [T]: -50n });
    expect(changes(reversalOf(transfer(50n)))).toEqual({});
  });

  it('a batch nets per token and leaves out the tokens whose supply it does not change', () => {
    expect(changes([...issue(7n), ...redeem(3n), ...issue(4n, U), ...redeem(4n, U), ...transfer(2n)])).toEqual({ [T]: 4n });
  });

  it('agrees with the balances: the change is what members hold after minus before', () => {
    const postings = [...issue(9n), ...redeem(2n), ...reversalOf(redeem(1n)), ...transfer(3n)];
    const members = postings.filter((p) => p.account.ownerType === 'member').reduce((s, p) => s + p.amount, 0n);
    expect(supplyChanges(postings).get(T)).toBe(members);
  });
});
