import { createSubgraphServer, ownKeyOrThrow, startOutboxRelay, trustedKeyOrThrow, type SubgraphDeps, type SubgraphServer } from '@etika/kit';
import { systemClock, type Clock } from './clock.ts';
import type { NotificationContext, NotificationServices } from './context.ts';
import { MailService } from './mail/mail.service.ts';
import { smtpTransport } from './mail/smtp.ts';
import { subscribeConsumers } from './notification/notification.consumer.ts';
import { NotificationService } from './notification/notification.service.ts';
import { PreferenceService } from './preference/preference.service.ts';
import { buildNotificationSchema } from './schema.ts';
import { SecretBox } from './webhook/secrets.ts';
import { LinkOpener } from './mail/link-seal.ts';
import { AddressGuard } from './webhook/ssrf.ts';
import { WebhookService } from './webhook/webhook.service.ts';
import { WebhookWorker } from './webhook/webhook.worker.ts';
import { startWorkers } from './workers.ts';

export interface NotificationOptions {
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly appUrl: string;
  /** Networks webhooks may reach although they are not public (tests and development only). */
  readonly allowedNetworks: readonly string[];
  readonly allowHttp: boolean;
  readonly maxRedirects: number;
  readonly timeoutMs: number;
  /** How often the senders look for due mail and webhook attempts; 0 runs none (a test drives them). */
  readonly workerIntervalMs: number;
  readonly clock?: Clock;
}

/** The parts of the subgraph, built once: its services, its senders, and how to wake them. */
export function buildNotificationParts(deps: SubgraphDeps, options: NotificationOptions) {
  const db = deps.database.db;
  const clock = options.clock ?? systemClock;
  const transport = options.smtpUrl ? smtpTransport(options.smtpUrl) : null;
  const mail = new MailService(db, transport, options.mailFrom, clock, deps.logger, new SecretBox(ownKeyOrThrow(deps.keys).privateJwk!, 'etika mail bodies v1'));
  const notifications = new NotificationService(db, mail, options.appUrl);
  const guard = new AddressGuard(options.allowedNetworks);
  const webhooks = new WebhookService(db, new SecretBox(ownKeyOrThrow(deps.keys).privateJwk!), guard, options.allowHttp, clock);
  const worker = new WebhookWorker(db, webhooks, notifications, clock, deps.logger, { guard, timeoutMs: options.timeoutMs, maxRedirects: options.maxRedirects });
  return { db, clock, transport, mail, notifications, webhooks, worker, preferences: new PreferenceService(db) };
}

/** Builds the notification subgraph without listening: its consumers, senders and schema. */
export async function buildNotificationServer(deps: SubgraphDeps, options: NotificationOptions): Promise<SubgraphServer<NotificationContext>> {
  const parts = buildNotificationParts(deps, options);
  // publishes notification.created (for live updates) and the audit trail's records
  const relay = startOutboxRelay({ db: parts.db, schema: 'notification', bus: deps.bus, logger: deps.logger });
  const workers = startWorkers(parts.mail, parts.worker, options.workerIntervalMs, deps.logger);
  const kick = () => {
    relay.kick();
    workers.kick();
  };
  const services: NotificationServices = { notifications: parts.notifications, preferences: parts.preferences, mail: parts.mail, webhooks: parts.webhooks, kick };
  subscribeConsumers(deps.bus, { db: parts.db, logger: deps.logger, notifications: parts.notifications, mail: parts.mail, webhooks: parts.webhooks, appUrl: options.appUrl, links: new LinkOpener(ownKeyOrThrow(deps.keys).privateJwk!), kick });
  return createSubgraphServer<NotificationContext>({
    name: 'notification',
    schema: await buildNotificationSchema(),
    db: parts.db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, services, production: deps.production }),
    onClose: async () => {
      await workers.stop();
      await relay.stop();
      parts.transport?.close();
    },
  });
}
