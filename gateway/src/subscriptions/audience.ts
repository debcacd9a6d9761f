import {
  EVENT_TYPES,
  notificationCreatedPayload,
  orgMembershipChangedPayload,
  tokenTransactionCommittedPayload,
  type EventEnvelope,
  type NotificationCreated,
  type TokenTransactionCommitted,
} from '@etika/schema';

/** The bus events the gateway listens to: the two live fields' sources, and membership changes (rights re-checked). */
export const LIVE_EVENT_TYPES = [EVENT_TYPES.notificationCreated, EVENT_TYPES.tokenTransactionCommitted, EVENT_TYPES.orgMembershipChanged] as const;

/** One person an event is for: `orgId` null means in any organisation they act in. */
export interface Recipient {
  readonly userId: string;
  readonly orgId: string | null;
}

export type LiveEvent =
  | { readonly field: 'notificationAdded'; readonly recipients: readonly Recipient[]; readonly payload: NotificationCreated }
  | { readonly field: 'walletChanged'; readonly recipients: readonly Recipient[]; readonly payload: TokenTransactionCommitted };

export type BusSignal = LiveEvent | { readonly field: null; readonly rightsOf: string };

/**
 * What a bus event means for live subscribers, from its validated payload alone. A notification is for its one
 * person (in any organisation: the list shows them all); a transaction is for every member whose account one of
 * its postings touches, in that organisation only. A membership change names a person whose rights to re-check.
 * Anything else, or a payload that does not validate, means nothing (null).
 */
export function interpret(event: EventEnvelope): BusSignal | null {
  switch (event.type) {
    case EVENT_TYPES.notificationCreated: {
      const parsed = notificationCreatedPayload.safeParse(event.payload);
      if (!parsed.success) return null;
      return { field: 'notificationAdded', recipients: [{ userId: parsed.data.userId, orgId: null }], payload: parsed.data };
    }
    case EVENT_TYPES.tokenTransactionCommitted: {
      const parsed = tokenTransactionCommittedPayload.safeParse(event.payload);
      if (!parsed.success) return null;
      const members = new Set<string>();
      for (const posting of parsed.data.postings) if (posting.ownerType === 'member' && posting.ownerId) members.add(posting.ownerId);
      const orgId = parsed.data.orgId;
      return { field: 'walletChanged', recipients: [...members].map((userId) => ({ userId, orgId })), payload: parsed.data };
    }
    case EVENT_TYPES.orgMembershipChanged: {
      const parsed = orgMembershipChangedPayload.safeParse(event.payload);
      return parsed.success ? { field: null, rightsOf: parsed.data.userId } : null;
    }
    default:
      return null;
  }
}

/** Whether a subscriber acting as this person in this organisation is one of the recipients. */
export function isFor(recipients: readonly Recipient[], subscriber: { readonly userId: string; readonly orgId: string | null }): boolean {
  return recipients.some((r) => r.userId === subscriber.userId && (r.orgId === null || r.orgId === subscriber.orgId));
}
