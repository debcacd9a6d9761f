import { z } from 'zod';

/**
 * Event names and payloads: the contracts between a subgraph that changes state and those that react to it.
 * Each payload has a zod schema its consumers validate with before they apply it. Amounts are strings of integer
 * minor units, as everywhere on the wire.
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

export const TRANSACTION_KINDS = ['issue', 'transfer', 'redeem', 'batch', 'reversal'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];
export const ACCOUNT_OWNER_TYPES = ['member', 'issuance', 'redemption'] as const;
export type AccountOwnerType = (typeof ACCOUNT_OWNER_TYPES)[number];

const uuid = z.string().uuid();

export const postingPayload = z.object({
  accountId: uuid,
  tokenId: uuid,
  ownerType: z.enum(ACCOUNT_OWNER_TYPES),
  ownerId: uuid.nullable(),
  /** Signed: negative debits, positive credits; per token the postings of a transaction sum to zero. */
  amount: z.string().regex(/^-?[1-9][0-9]{0,38}$/),
});
export type PostingPayload = z.infer<typeof postingPayload>;

export const tokenTransactionCommittedPayload = z.object({
  transactionId: uuid,
  orgId: uuid,
  kind: z.enum(TRANSACTION_KINDS),
  reversesId: uuid.nullable(),
  memo: z.string().nullable(),
  createdAt: z.iso.datetime(),
  postings: z.array(postingPayload).min(1),
});
export type TokenTransactionCommitted = z.infer<typeof tokenTransactionCommittedPayload>;

/** The payload schema of every event type, for consumers to validate with. */
export const EVENT_PAYLOADS = {
  [EVENT_TYPES.tokenTransactionCommitted]: tokenTransactionCommittedPayload,
} as const satisfies Record<EventType, z.ZodType>;
