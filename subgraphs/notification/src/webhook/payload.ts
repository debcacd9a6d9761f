import { EVENT_TYPES, type EventEnvelope, type IdentityApiKeyEvent, type OrgMembershipChanged, type PaymentFailed, type PaymentRefunded, type PaymentSucceeded, type TokenTransactionCommitted } from '@etika/schema';

/** The test message "send test event" delivers. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * What partners may subscribe to, each with a stable, versioned payload (documented in the README): the body is
 * `{ "type", "version", "timestamp", "data" }`; a change that is not additive gets a new version.
 */
const MAPPERS = {
  [EVENT_TYPES.tokenTransactionCommitted]: (p: TokenTransactionCommitted) => ({
    transactionId: p.transactionId,
    kind: p.kind,
    reversesId: p.reversesId,
    memo: p.memo,
    createdAt: p.createdAt,
    postings: p.postings.map((x) => ({ accountId: x.accountId, tokenId: x.tokenId, ownerType: x.ownerType, ownerId: x.ownerId, amount: x.amount })),
  }),
  [EVENT_TYPES.orgMembershipChanged]: (p: OrgMembershipChanged) => ({ membershipId: p.membershipId, userId: p.userId, role: p.role, previousRole: p.previousRole }),
  [EVENT_TYPES.identityApiKeyCreated]: (p: IdentityApiKeyEvent) => ({ apiKeyId: p.apiKeyId, name: p.name, prefix: p.prefix }),
  [EVENT_TYPES.identityApiKeyRevoked]: (p: IdentityApiKeyEvent) => ({ apiKeyId: p.apiKeyId, name: p.name, prefix: p.prefix }),
  [EVENT_TYPES.paymentSucceeded]: (p: PaymentSucceeded) => ({ paymentId: p.paymentId, buyerId: p.buyerId, tokenId: p.tokenId, tokens: p.tokens, currency: p.currency, amount: p.amount }),
  [EVENT_TYPES.paymentFailed]: (p: PaymentFailed) => ({ paymentId: p.paymentId, buyerId: p.buyerId, tokenId: p.tokenId, declineCode: p.declineCode }),
  [EVENT_TYPES.paymentRefunded]: (p: PaymentRefunded) => ({ paymentId: p.paymentId, refundId: p.refundId, buyerId: p.buyerId, tokenId: p.tokenId, tokens: p.tokens, currency: p.currency, amount: p.amount }),
} as const;

export const PAYLOAD_VERSION = 1;

export const WEBHOOK_EVENT_TYPES: readonly string[] = [...Object.keys(MAPPERS), TEST_EVENT_TYPE];

export function isWebhookEventType(type: string): boolean {
  return WEBHOOK_EVENT_TYPES.includes(type);
}

export function webhookBody(type: string, timestamp: string, data: unknown): string {
  return JSON.stringify({ type, version: PAYLOAD_VERSION, timestamp, data });
}

/** The body of an event's message, or null when partners cannot subscribe to its type. */
export function eventBody(event: EventEnvelope): string | null {
  const mapper = (MAPPERS as Record<string, ((p: never) => unknown) | undefined>)[event.type];
  return mapper ? webhookBody(event.type, event.occurredAt, mapper(event.payload as never)) : null;
}
