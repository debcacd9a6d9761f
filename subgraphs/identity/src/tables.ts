import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const identity = pgSchema('identity');

/** People. Not tenant-owned: one account spans organisations. */
export const users = identity.table('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** The last TOTP time step accepted: a code at or before it is a replay. */
  totpLastStep: bigint('totp_last_step', { mode: 'bigint' }),
  /** The language mail and notifications reach the person in (`en`, `fr`). */
  locale: text('locale').notNull().default('en'),
  /** When the person proved the address is theirs (a sign-up link or a password reset); null: not proven. */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Single-use links sent by mail: a sign-up waiting for its address to be confirmed (with the password's hash), or
 * a password reset. Only the SHA-256 of the link's secret is kept; a link is used once, before it expires.
 */
export const accountLinks = identity.table(
  'account_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose').notNull(),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('account_links_email').on(t.email, t.purpose), check('account_links_purpose', sql`${t.purpose} in ('sign-up', 'reset-password')`)],
);

/** A sign-in: the refresh-token family. Revoking it ends every token descended from it. */
export const sessions = identity.table('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  activeOrgId: uuid('active_org_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When a refresh token of the session was last used (or the session began). */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  /** Where the session was last used from, as the gateway saw it, and the browser's user agent (to name the device). */
  clientAddress: text('client_address'),
  userAgent: text('user_agent'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedReason: text('revoked_reason'),
  /**
   * Revoked here but not yet in the rights store (it could not be reached): a retrying pass writes it there, so the
   * session's access tokens stop at once the store answers, not when they expire.
   */
  rightsPending: boolean('rights_pending').notNull().default(false),
}, (t) => [index('sessions_rights_pending').on(t.revokedAt).where(sql`${t.rightsPending}`)]);

/** Every refresh token ever handed out, by hash; a used one presented again means theft. */
export const refreshTokens = identity.table(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('refresh_tokens_session').on(t.sessionId)],
);

export const recoveryCodes = identity.table(
  'recovery_codes',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_user_code').on(t.userId, t.codeHash)],
);

/** Partner API keys: tenant-owned, stored only as a hash with a visible prefix. */
export const apiKeys = identity.table(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** Cost points the key may spend per minute at the gateway; null takes the gateway's default. */
    rateLimitPerMinute: integer('rate_limit_per_minute'),
  },
  (t) => [index('api_keys_org').on(t.orgId, t.createdAt)],
);
