/**
 * Event names and payloads: the contracts between a subgraph that changes state and those that react to it.
 * Amounts are strings of integer minor units, as everywhere on the wire.
 */
export const EVENT_TYPES = {
  tokenTransactionCommitted: 'token.transaction.committed',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export interface EventEnvelope<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly orgId: string | null;
  readonly occurredAt: string;
  readonly payload: T;
}

export type TransactionKind = 'issue' | 'transfer' | 'redeem' | 'batch' | 'reversal';
export type AccountOwnerType = 'member' | 'issuance' | 'redemption';

export interface PostingPayload {
  readonly accountId: string;
  readonly tokenId: string;
  readonly ownerType: AccountOwnerType;
  readonly ownerId: string | null;
  /** Signed: negative debits, positive credits; per token the postings of a transaction sum to zero. */
  readonly amount: string;
}

export interface TokenTransactionCommitted {
  readonly transactionId: string;
  readonly orgId: string;
  readonly kind: TransactionKind;
  readonly reversesId: string | null;
  readonly memo: string | null;
  readonly createdAt: string;
  readonly postings: readonly PostingPayload[];
}
