import { index, integer, numeric, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const analytics = pgSchema('analytics');

/**
 * Time series, kept up to date as events arrive: every row is one 15-minute slot (UTC) of one organisation, so a
 * day, week or month in any IANA time zone (every offset is a multiple of 15 minutes) is an exact sum of slots.
 * Slots only grow, by addition: the order events arrive in does not matter. BRIN indexes on time: rows arrive
 * roughly in time order, so a block range summary is small and a year's scan skips the rest.
 */
const amount = (name: string) => numeric(name).notNull().default('0');

/** Token movements per slot and token. Amounts in the token's minor units. */
export const tokenSlots = analytics.table(
  'token_slots',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    issued: amount('issued'),
    sold: amount('sold'),
    transferred: amount('transferred'),
    redeemed: amount('redeemed'),
    reversed: amount('reversed'),
    refunded: amount('refunded'),
    /** Change of what members hold (the circulating supply) over the slot; may be negative. */
    supplyDelta: amount('supply_delta'),
    transactions: integer('transactions').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenId, t.slot] }), index('token_slots_slot_brin').using('brin', t.slot)],
);

/** Money per slot, token and currency: what buyers paid and what went back to them, in the currency's minor units. */
export const moneySlots = analytics.table(
  'money_slots',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    currency: text('currency').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    paid: amount('paid'),
    refunded: amount('refunded'),
    payments: integer('payments').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenId, t.currency, t.slot] }), index('money_slots_slot_brin').using('brin', t.slot)],
);

/**
 * Who took part in a movement of a token in a slot (one row per person and slot), with the person's previous slot
 * of activity: a person is active in a period once, on the row whose previous slot is before the period (or none),
 * so distinct people per period are counted without sorting them.
 */
export const activeMembers = analytics.table(
  'active_members',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    userId: uuid('user_id').notNull(),
    prevSlot: timestamp('prev_slot', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.tokenId, t.slot, t.userId] }),
    index('active_members_slot_brin').using('brin', t.slot),
    index('active_members_person').on(t.orgId, t.tokenId, t.userId, t.slot),
  ],
);

/**
 * Distinct active people of a span of time [starts_at, ends_at), counted once and kept: a closed period of a report
 * in any zone (the span is in instants, so zones whose periods coincide share it), and a report's whole range up to
 * each of its period ends. A span's count changes only when an activity row lands in it, and the consumer deletes
 * exactly those spans then; a span [s, x) also answers a longer one [s, e) with the activity rows of [x, e).
 */
export const activeSpans = analytics.table(
  'active_spans',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    members: integer('members').notNull(),
    /** When a read last resumed from it: spans nobody asked for in a long time are pruned. */
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenId, t.startsAt, t.endsAt] }), index('active_spans_ends').on(t.orgId, t.tokenId, t.endsAt)],
);

/** Who opened a token's dashboard lately, by time zone: what the background pass keeps warm. */
export const dashboardReaders = analytics.table(
  'dashboard_readers',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    timeZone: text('time_zone').notNull(),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenId, t.timeZone] }), index('dashboard_readers_read').on(t.lastReadAt)],
);

/** People who joined and left the organisation per slot. */
export const membershipSlots = analytics.table(
  'membership_slots',
  {
    orgId: uuid('org_id').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    joined: integer('joined').notNull().default(0),
    left: integer('left').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.slot] }), index('membership_slots_slot_brin').using('brin', t.slot)],
);

/** What each member holds now, per token (the sum of their postings). */
export const holdings = analytics.table(
  'holdings',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    userId: uuid('user_id').notNull(),
    balance: amount('balance'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenId, t.userId] }), index('holdings_top').on(t.orgId, t.tokenId, t.balance)],
);

/** Each member's change of balance per transaction: their balance at any time is a sum, whatever the arrival order. */
export const balanceChanges = analytics.table(
  'balance_changes',
  {
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    userId: uuid('user_id').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    delta: numeric('delta').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.transactionId, t.tokenId, t.userId] }),
    index('balance_changes_member').on(t.orgId, t.tokenId, t.userId, t.at),
    index('balance_changes_at_brin').using('brin', t.at),
  ],
);

/** The organisation-wide audit trail: every subgraph's audit records, append-only (a trigger refuses changes). */
export const auditTrail = analytics.table(
  'audit_trail',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    subgraph: text('subgraph').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    errorCode: text('error_code'),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_trail_org_at').on(t.orgId, t.at, t.id), index('audit_trail_at_brin').using('brin', t.at)],
);
