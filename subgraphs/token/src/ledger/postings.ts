import type { AccountOwnerType } from '@etika/schema';

/** An account by what it is, before its row is known. */
export interface AccountRef {
  readonly tokenId: string;
  readonly ownerType: AccountOwnerType;
  readonly ownerId: string | null;
}

export interface Leg {
  readonly kind: 'issue' | 'transfer' | 'redeem';
  readonly tokenId: string;
  readonly amount: bigint;
  /** The member who gives (transfer, redeem). */
  readonly from: string | null;
  /** The member who receives (issue, transfer). */
  readonly to: string | null;
}

export interface Posting {
  readonly account: AccountRef;
  readonly amount: bigint;
}

export const accountKey = (a: AccountRef) => `${a.tokenId}:${a.ownerType}:${a.ownerId ?? ''}`;

const member = (tokenId: string, userId: string): AccountRef => ({ tokenId, ownerType: 'member', ownerId: userId });

/**
 * The double-entry postings of one leg: issuing debits the issuance account, redeeming credits the redemption
 * account (the tokens leave circulation), a transfer moves between members.
 */
export function postingsOf(leg: Leg): Posting[] {
  switch (leg.kind) {
    case 'issue':
      return [
        { account: { tokenId: leg.tokenId, ownerType: 'issuance', ownerId: null }, amount: -leg.amount },
        { account: member(leg.tokenId, leg.to!), amount: leg.amount },
      ];
    case 'transfer':
      return [
        { account: member(leg.tokenId, leg.from!), amount: -leg.amount },
        { account: member(leg.tokenId, leg.to!), amount: leg.amount },
      ];
    case 'redeem':
      return [
        { account: member(leg.tokenId, leg.from!), amount: -leg.amount },
        { account: { tokenId: leg.tokenId, ownerType: 'redemption', ownerId: null }, amount: leg.amount },
      ];
  }
}

/** Postings sum to zero per token: the invariant every transaction keeps. */
export function isBalanced(postings: readonly Posting[]): boolean {
  const sums = new Map<string, bigint>();
  for (const p of postings) sums.set(p.account.tokenId, (sums.get(p.account.tokenId) ?? 0n) + p.amount);
  return [...sums.values()].every((s) => s === 0n);
}

/** Net change per account, in a stable order (so concurrent transactions lock rows in the same order). */
export function netChanges(postings: readonly Posting[]): { account: AccountRef; delta: bigint }[] {
  const byKey = new Map<string, { account: AccountRef; delta: bigint }>();
  for (const p of postings) {
    const k = accountKey(p.account);
    const entry = byKey.get(k) ?? { account: p.account, delta: 0n };
    byKey.set(k, { account: entry.account, delta: entry.delta + p.amount });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v).filter((v) => v.delta !== 0n);
}

/**
 * How a set of postings changes each token's circulating supply (everything issued and not redeemed), read from the
 * postings alone, whatever kind of transaction carries them: what members hold is in circulation, the issuance and
 * redemption accounts are outside it, so a posting on either moves value into circulation (a debit) or out of it
 * (a credit). Tokens whose supply does not change are left out.
 */
export function supplyChanges(postings: readonly Posting[]): Map<string, bigint> {
  const changes = new Map<string, bigint>();
  for (const p of postings) {
    if (p.account.ownerType === 'member') continue;
    changes.set(p.account.tokenId, (changes.get(p.account.tokenId) ?? 0n) - p.amount);
  }
  for (const [tokenId, delta] of changes) if (delta === 0n) changes.delete(tokenId);
  return changes;
}

/** The postings that undo a transaction. */
export function reversalOf(original: readonly Posting[]): Posting[] {
  return original.map((p) => ({ account: p.account, amount: -p.amount }));
}
