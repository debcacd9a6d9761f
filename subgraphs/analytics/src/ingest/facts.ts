import type { TokenTransactionCommitted } from '@etika/schema';

/** What one committed transaction adds to one token's numbers. Amounts in the token's minor units. */
export interface TokenFacts {
  readonly tokenId: string;
  readonly issued: bigint;
  readonly sold: bigint;
  readonly transferred: bigint;
  readonly redeemed: bigint;
  readonly reversed: bigint;
  readonly refunded: bigint;
  /** The change of what members hold: the circulating supply. */
  readonly supplyDelta: bigint;
  /** Each member's change of balance (zero changes included: they took part). */
  readonly members: ReadonlyMap<string, bigint>;
}

const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);

/**
 * A transaction's numbers per token, from its postings (so a batch counts each of its legs for what it is):
 * - issued: what left the issuance account; sold: what left the sale account in a purchase;
 * - redeemed: what reached the redemption account; transferred: what members received from other members;
 * - reversed and refunded: the volume (credits) of a reversal or of tokens taken back for a refund;
 * - supply: the change of the members' holdings.
 */
export function transactionFacts(tx: TokenTransactionCommitted): TokenFacts[] {
  const tokens = [...new Set(tx.postings.map((p) => p.tokenId))];
  return tokens.map((tokenId) => {
    const postings = tx.postings.filter((p) => p.tokenId === tokenId).map((p) => ({ ...p, value: BigInt(p.amount) }));
    const credits = sum(postings.filter((p) => p.value > 0n).map((p) => p.value));
    const memberPostings = postings.filter((p) => p.ownerType === 'member' && p.ownerId);
    const members = new Map<string, bigint>();
    for (const p of memberPostings) members.set(p.ownerId!, (members.get(p.ownerId!) ?? 0n) + p.value);
    const supplyDelta = sum(memberPostings.map((p) => p.value));
    const zero = { tokenId, issued: 0n, sold: 0n, transferred: 0n, redeemed: 0n, reversed: 0n, refunded: 0n, supplyDelta, members };
    if (tx.kind === 'reversal') return { ...zero, reversed: credits };
    if (tx.kind === 'refund') return { ...zero, refunded: credits };
    const issued = -sum(postings.filter((p) => p.ownerType === 'issuance' && p.value < 0n).map((p) => p.value));
    const sold = -sum(postings.filter((p) => p.ownerType === 'sale' && p.value < 0n).map((p) => p.value));
    const redeemed = sum(postings.filter((p) => p.ownerType === 'redemption' && p.value > 0n).map((p) => p.value));
    const received = sum(memberPostings.filter((p) => p.value > 0n).map((p) => p.value));
    return { ...zero, issued, sold, redeemed, transferred: received - issued - sold };
  });
}
