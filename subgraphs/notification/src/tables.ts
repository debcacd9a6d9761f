import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const notification = pgSchema('notification');

/**
 * The people notification may tell, as identity last described them (`identity.user.changed`): where to write and
 * in which language. A local view fed by events; notification never reads identity's tables.
 */
export const recipients = notification.table('recipients', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
  locale: text('locale').notNull().default('en'),
  emailVerified: boolean('email_verified').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who belongs to which organisation with which role (`org.membership.changed`): to find an organisation's admins. */
export const members = notification.table(
  'members',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/** In-app notifications: one person's, in one organisation (the invitation's for an invitation). */
export const notifications = notification.table(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    /** What the notification is about (amount, token, role, key name…): strings only, see `notification.rules.ts`. */
    params: text('params').notNull(),
    /** The event it was made from: one notification per person and event, whatever the deliveries. */
    eventId: uuid('event_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_event_user_kind').on(t.eventId, t.userId, t.kind),
    index('notifications_user_created').on(t.userId, t.createdAt, t.id),
  ],
);

/**
 * Open invitations by address, from `org.invitation.created`: someone who confirms that address later (signs up) is
 * told of them in the app too. Read and written by the subgraph's consumers only.
 */
export const invitations = notification.table(
  'invitations',
  {
    eventId: uuid('event_id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    email: text('email').notNull(),
    params: text('params').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('invitations_email').on(t.email, t.expiresAt)],
);

/** A person's choices per kind and channel; a kind without a row has its default (`preference.rules.ts`). */
export const preferences = notification.table(
  'preferences',
  {
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] }), check('preferences_channel', sql`${t.channel} in ('in_app', 'email')`)],
);

/**
 * The mail outbox: every mail is a row before it is sent, claimed by one sender at a time, retried with backoff,
 * marked sent once. `dedupe_key` makes one event's mail to one address exist once; `message_id` is the same on
 * every try, so a receiving server that saw a try already can tell.
 */
export const mails = notification.table(
  'mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    locale: text('locale').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A sender's claim: another sender leaves the row alone until it lapses. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mails_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('mails_status', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

/** An organisation's outgoing webhook endpoints; secrets are encrypted with the subgraph's own key. */
export const webhookEndpoints = notification.table(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    eventTypes: text('event_types').array().notNull(),
    secret: text('secret').notNull(),
    /** The secret before the last rotation, still signed with until `previous_secret_expires_at`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    /** When the current run of failures began (null after a success). */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_org').on(t.orgId, t.createdAt)],
);

/** One message per event (its `webhook-id`), with the exact body every endpoint and every attempt receives. */
export const webhookMessages = notification.table(
  'webhook_messages',
  {
    id: text('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The event it carries; null for a test message. */
    eventId: uuid('event_id').unique(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_messages_org_created').on(t.orgId, t.createdAt)],
);

/** A message to one endpoint: its attempts follow the retry schedule until one succeeds or the schedule ends. */
export const webhookDeliveries = notification.table(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull().references(() => webhookMessages.id),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** The delivery this one replays, if it is a replay. */
    replayOf: uuid('replay_of'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt),
    uniqueIndex('webhook_deliveries_first').on(t.endpointId, t.messageId).where(sql`${t.replayOf} is null`),
    check('webhook_deliveries_status', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
  ],
);

/**
 * Every attempt, written as `sending` before the request leaves and completed after: an attempt number is used
 * once, so a restart never sends the same attempt twice (an attempt a crash interrupted counts as failed).
 */
export const webhookAttempts = notification.table(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome').notNull().default('sending'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms'),
    responseStatus: integer('response_status'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('webhook_attempts_delivery_attempt').on(t.deliveryId, t.attempt),
    check('webhook_attempts_outcome', sql`${t.outcome} in ('sending', 'succeeded', 'failed')`),
  ],
);
