import { idempotentHandler, setLocal, thenAfter, type Db, type EventBus, type Logger, type Tx } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES, type EventEnvelope } from '@etika/schema';
import type { z } from 'zod';
import { directory } from '../directory/directory.service.ts';
import type { MailService } from '../mail/mail.service.ts';
import { accountMail } from '../mail/account-mail.ts';
import type { LinkOpener } from '../mail/link-seal.ts';
import type { WebhookService } from '../webhook/webhook.service.ts';
import { apiKeyNotices, invitationNotices, membershipNotices, paymentNotices, transactionNotices } from './notification.rules.ts';
import type { NotificationService } from './notification.service.ts';

export interface Consumers {
  readonly db: Db;
  readonly logger: Logger;
  readonly notifications: NotificationService;
  readonly mail: MailService;
  readonly webhooks: WebhookService;
  readonly appUrl: string;
  /** Opens the link secrets identity seals for this subgraph's key. */
  readonly links: LinkOpener;
  /** Wakes the delivery workers after a commit. */
  readonly kick: () => void;
}

type Handled = keyof typeof EVENT_PAYLOADS;

/** The events this subgraph consumes: each handled once (the inbox), its effects in one transaction. */
export const CONSUMED: readonly Handled[] = [
  EVENT_TYPES.tokenTransactionCommitted,
  EVENT_TYPES.orgMembershipChanged,
  EVENT_TYPES.orgInvitationCreated,
  EVENT_TYPES.identityUserChanged,
  EVENT_TYPES.identityApiKeyCreated,
  EVENT_TYPES.identityApiKeyRevoked,
  EVENT_TYPES.identityMailRequested,
  EVENT_TYPES.paymentSucceeded,
  EVENT_TYPES.paymentFailed,
  EVENT_TYPES.paymentRefunded,
];

/**
 * Subscribes one consumer group per event type: the local directory first (so a membership is known before what
 * follows it), then in-app notifications, mails and webhook messages.
 */
export function subscribeConsumers(bus: EventBus, c: Consumers): void {
  const on = <T extends Handled>(type: T, apply: (tx: Tx, event: EventEnvelope<z.infer<(typeof EVENT_PAYLOADS)[T]>>) => Promise<void>) => {
    const handler = idempotentHandler({ db: c.db, schema: 'notification', consumer: `notification:${type}`, payload: EVENT_PAYLOADS[type] as unknown as z.ZodType<z.infer<(typeof EVENT_PAYLOADS)[T]>>, logger: c.logger }, async (tx, event) => {
      // consumers act for the subgraph, across people: its own policies let `app.system` through, nothing else does
      await setLocal(tx, 'app.system', 'notification');
      await apply(tx, event);
      await c.webhooks.enqueueEvent(tx, event);
    });
    // the delivery workers are woken once an event, or a batch of them, committed
    bus.subscribe(`notification:${type}`, [type], thenAfter(handler, () => c.kick()));
  };
  on(EVENT_TYPES.tokenTransactionCommitted, (tx, e) => c.notifications.deliver(tx, e, e.payload.orgId, transactionNotices(e.payload)));
  on(EVENT_TYPES.orgMembershipChanged, async (tx, e) => {
    await directory.membershipChanged(tx, e.payload);
    await c.notifications.deliver(tx, e, e.payload.orgId, membershipNotices(e.payload));
  });
  on(EVENT_TYPES.orgInvitationCreated, async (tx, e) => {
    const notices = invitationNotices(e.payload);
    await c.notifications.rememberInvitation(tx, e, notices[0]!);
    await c.notifications.deliver(tx, e, e.payload.orgId, notices);
  });
  on(EVENT_TYPES.identityUserChanged, async (tx, e) => {
    await directory.userChanged(tx, e.payload);
    // events of two producers have no order: an invitation may have come before its invitee's account
    await c.notifications.invitationsFor(tx, e.payload);
  });
  on(EVENT_TYPES.identityApiKeyCreated, (tx, e) => c.notifications.deliver(tx, e, e.payload.orgId, apiKeyNotices('apikey.created', e.payload)));
  on(EVENT_TYPES.identityApiKeyRevoked, (tx, e) => c.notifications.deliver(tx, e, e.payload.orgId, apiKeyNotices('apikey.revoked', e.payload)));
  on(EVENT_TYPES.identityMailRequested, (tx, e) => c.mail.enqueue(tx, accountMail(e.id, e.payload, c.appUrl, c.links)));
  on(EVENT_TYPES.paymentSucceeded, (tx, e) => c.notifications.deliver(tx, e, e.payload.orgId, paymentNotices('payment.succeeded', e.payload)));
  on(EVENT_TYPES.paymentFailed, (tx, e) => c.notifications.deliver(tx, e, e.payload.orgId, paymentNotices('payment.failed', e.payload)));
  on(EVENT_TYPES.paymentRefunded, (tx, e) => c.notifications.deliver(tx, e, e.payload.orgId, paymentNotices('payment.refunded', e.payload)));
}
