import { z } from 'zod';

/**
 * Event names and payloads: the contracts between a subgraph that changes state and those that react to it.
 * Each payload has a zod schema its consumers validate with before they apply it. Amounts are strings of integer
 * minor units, as everywhere on the wire.
 */
export const EVENT_TYPES = {
  tokenTransactionCommitted: 'token.transaction.committed',
  /** A person joined an organisation, had their role changed, left or was removed (org). */
  orgMembershipChanged: 'org.membership.changed',
  /** An invitation was sent or renewed (org); it may be to an address without an account. */
  orgInvitationCreated: 'org.invitation.created',
  /** A person's address or language, as identity knows them (sign-up, verification, change of language). */
  identityUserChanged: 'identity.user.changed',
  /** A partner API key was created or revoked in an organisation (identity). */
  identityApiKeyCreated: 'identity.apikey.created',
  identityApiKeyRevoked: 'identity.apikey.revoked',
  /** Identity asks for a mail about an account: verify the address, reset the password, or "you already have one". */
  identityMailRequested: 'identity.mail.requested',
  /** A payment succeeded: the money is taken; token issues the bought tokens once (by payment id). */
  paymentSucceeded: 'payment.succeeded',
  /** An attempt to pay was declined or its extra step refused; the payment waits for another method. */
  paymentFailed: 'payment.failed',
  paymentCanceled: 'payment.canceled',
  /** Money went back to the buyer for tokens taken back. */
  paymentRefunded: 'payment.refunded',
  /** Token issued a paid purchase (or refused it: the cap no longer had room), once per payment. */
  tokenPurchaseSettled: 'token.purchase.settled',
  /** A subgraph audited a mutation (done or refused), for the organisation-wide audit trail (every subgraph, through the kit). */
  auditRecorded: 'audit.recorded',
  /** An in-app notification was made for one person (notification): what the gateway's live `notificationAdded` follows. */
  notificationCreated: 'notification.created',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export interface EventEnvelope<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly orgId: string | null;
  readonly occurredAt: string;
  readonly payload: T;
}

export const TRANSACTION_KINDS = ['issue', 'transfer', 'redeem', 'batch', 'reversal', 'purchase', 'refund'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];
/** `sale`: each token's second issuance account, the one purchases are issued from (apart from what staff issue). */
export const ACCOUNT_OWNER_TYPES = ['member', 'issuance', 'redemption', 'sale'] as const;
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

const role = z.enum(['owner', 'admin', 'member', 'auditor']);
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const orgMembershipChangedPayload = z.object({
  membershipId: uuid,
  orgId: uuid,
  userId: uuid,
  /** null: the person is no longer a member. */
  role: role.nullable(),
  /** null: the person was not a member before. */
  previousRole: role.nullable(),
  /** Who made the change (null when the person did it themselves, by joining or leaving). */
  actorId: uuid.nullable(),
});
export type OrgMembershipChanged = z.infer<typeof orgMembershipChangedPayload>;

export const orgInvitationCreatedPayload = z.object({
  invitationId: uuid,
  orgId: uuid,
  organizationName: z.string(),
  email: z.string().min(3).max(320),
  role,
  invitedBy: uuid,
  expiresAt: z.iso.datetime(),
});
export type OrgInvitationCreated = z.infer<typeof orgInvitationCreatedPayload>;

export const identityUserChangedPayload = z.object({
  userId: uuid,
  email: z.string().min(3).max(320),
  locale: z.enum(LOCALES),
  emailVerified: z.boolean(),
});
export type IdentityUserChanged = z.infer<typeof identityUserChangedPayload>;

export const identityApiKeyPayload = z.object({
  apiKeyId: uuid,
  orgId: uuid,
  name: z.string(),
  prefix: z.string(),
  actorId: uuid.nullable(),
});
export type IdentityApiKeyEvent = z.infer<typeof identityApiKeyPayload>;

export const IDENTITY_MAIL_KINDS = ['verify-email', 'reset-password', 'account-exists'] as const;
export const identityMailRequestedPayload = z.strictObject({
  kind: z.enum(IDENTITY_MAIL_KINDS),
  userId: uuid.nullable(),
  email: z.string().min(3).max(320),
  locale: z.enum(LOCALES),
  /**
   * Version 2 of this contract: the single-use secret of the link (verify-email, reset-password) sealed for the
   * notification subgraph alone (`x25519.v1.…`: X25519 against notification's key, AES-256-GCM bound to `kind` and
   * `email`), so that identity's outbox and the bus never hold it in clear; identity keeps only its hash. Version 1
   * carried it in clear as `token`, which a strict payload now refuses.
   */
  sealedToken: z.string().regex(/^x25519\.v1\.[A-Za-z0-9_.-]+$/).nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type IdentityMailRequested = z.infer<typeof identityMailRequestedPayload>;

const minorUnits = z.string().regex(/^[0-9]{1,39}$/);
const paymentBase = { paymentId: uuid, orgId: uuid, buyerId: uuid, tokenId: uuid, quoteId: uuid };

export const paymentSucceededPayload = z.object({
  ...paymentBase,
  /** Token minor units bought. */
  tokens: minorUnits,
  currency: z.string().length(3),
  /** Minor units of the currency paid. */
  amount: minorUnits,
  provider: z.string(),
});
export type PaymentSucceeded = z.infer<typeof paymentSucceededPayload>;

export const paymentFailedPayload = z.object({ ...paymentBase, declineCode: z.string() });
export type PaymentFailed = z.infer<typeof paymentFailedPayload>;

export const paymentCanceledPayload = z.object(paymentBase);
export type PaymentCanceled = z.infer<typeof paymentCanceledPayload>;

export const paymentRefundedPayload = z.object({ ...paymentBase, refundId: uuid, tokens: minorUnits, currency: z.string().length(3), amount: minorUnits });
export type PaymentRefunded = z.infer<typeof paymentRefundedPayload>;

export const tokenPurchaseSettledPayload = z.object({ paymentId: uuid, orgId: uuid, outcome: z.enum(['issued', 'refused']), transactionId: uuid.nullable() });
export type TokenPurchaseSettled = z.infer<typeof tokenPurchaseSettledPayload>;

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export const auditRecordedPayload = z.object({
  /** The subgraph whose mutation it was. */
  subgraph: z.string().min(1),
  orgId: uuid.nullable(),
  /** `user:<id>`, `apikey:<id>` or `anonymous` (as `principalActor` writes it). */
  actor: z.string().min(1),
  /** The mutation field. */
  operation: z.string().min(1),
  outcome: z.enum(AUDIT_OUTCOMES),
  errorCode: z.string().nullable(),
  requestId: z.string().nullable(),
  at: z.iso.datetime(),
});
export type AuditRecorded = z.infer<typeof auditRecordedPayload>;

export const notificationCreatedPayload = z.object({
  notificationId: uuid,
  /** The one person who may see it. */
  userId: uuid,
  /** The organisation it happened in (the inviting one, for an invitation). */
  orgId: uuid,
  /** `tokens.received`, `role.changed`… (the `NotificationKind` values of the notification subgraph, in lower case). */
  kind: z.string().min(1),
  createdAt: z.iso.datetime(),
});
export type NotificationCreated = z.infer<typeof notificationCreatedPayload>;

/** The payload schema of every event type, for consumers to validate with. */
export const EVENT_PAYLOADS = {
  [EVENT_TYPES.tokenTransactionCommitted]: tokenTransactionCommittedPayload,
  [EVENT_TYPES.orgMembershipChanged]: orgMembershipChangedPayload,
  [EVENT_TYPES.orgInvitationCreated]: orgInvitationCreatedPayload,
  [EVENT_TYPES.identityUserChanged]: identityUserChangedPayload,
  [EVENT_TYPES.identityApiKeyCreated]: identityApiKeyPayload,
  [EVENT_TYPES.identityApiKeyRevoked]: identityApiKeyPayload,
  [EVENT_TYPES.identityMailRequested]: identityMailRequestedPayload,
  [EVENT_TYPES.paymentSucceeded]: paymentSucceededPayload,
  [EVENT_TYPES.paymentFailed]: paymentFailedPayload,
  [EVENT_TYPES.paymentCanceled]: paymentCanceledPayload,
  [EVENT_TYPES.paymentRefunded]: paymentRefundedPayload,
  [EVENT_TYPES.tokenPurchaseSettled]: tokenPurchaseSettledPayload,
  [EVENT_TYPES.auditRecorded]: auditRecordedPayload,
  [EVENT_TYPES.notificationCreated]: notificationCreatedPayload,
} as const satisfies Record<EventType, z.ZodType>;
