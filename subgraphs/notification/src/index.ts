import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Opens the link secrets identity seals for this subgraph (what a test reads as the person reads their mail). */
export { LinkOpener } from './mail/link-seal.ts';

const networks = z
  .string()
  .default('')
  .transform((list) => list.split(',').map((s) => s.trim()).filter(Boolean))
  .refine((list) => list.every((cidr) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(cidr)), 'a comma-separated list of CIDR networks (127.0.0.1/32,::1/128)');

/** In-app notifications, email, and outgoing webhooks (Standard Webhooks 1.0). */
export const notification = defineSubgraph({
  name: 'notification',
  port: 4005,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  // its own key seals the webhook endpoints' secrets at rest
  keys: { signs: true, trusts: [] },
  calls: [],
  events: {
    produces: [EVENT_TYPES.notificationCreated],
    consumes: [
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
    ],
  },
  settings: z.object({
    /** smtp://user:pass@host:587 (or smtps://); without it mail goes to the development mailbox. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Etika <no-reply@etika.local>'),
    /** Where the web app answers, for the links in mails. */
    APP_URL: z.url().default('http://localhost:4000'),
    /** Development and tests only: networks webhooks may reach although they are not public. */
    WEBHOOK_ALLOWED_NETWORKS: networks,
    /** Development and tests only: accept http:// endpoint URLs. */
    WEBHOOK_ALLOW_HTTP: z.stringbool().default(false),
    /** Redirects a delivery follows (each target checked again); 0 follows none and a 3xx fails. */
    WEBHOOK_MAX_REDIRECTS: z.coerce.number().int().min(0).max(5).default(0),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    /** How often due mail and webhook attempts are looked for; 0 runs no sender (tests drive them). */
    DELIVERY_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
  }),
  buildSchema: async () => (await import('./schema.ts')).buildNotificationSchema(),
  buildServer: async (deps, s) =>
    (await import('./server.ts')).buildNotificationServer(deps, {
      smtpUrl: s.SMTP_URL,
      mailFrom: s.MAIL_FROM,
      appUrl: s.APP_URL.replace(/\/$/, ''),
      allowedNetworks: s.WEBHOOK_ALLOWED_NETWORKS,
      allowHttp: s.WEBHOOK_ALLOW_HTTP,
      maxRedirects: s.WEBHOOK_MAX_REDIRECTS,
      timeoutMs: s.WEBHOOK_TIMEOUT_MS,
      workerIntervalMs: s.DELIVERY_INTERVAL_MS,
    }),
});
