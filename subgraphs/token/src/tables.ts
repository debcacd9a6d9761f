import { sql } from 'drizzle-orm';
import { bigint, check, index, numeric, pgSchema, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { idempotencyTable } from '@etika/kit';

export const token = pgSchema('token');

/** Amounts: integers in minor units below 2^127, stored exactly. */
const amount = (name: string) => numeric(name, { precision: 39, scale: 0 });

export const tokens = token.table(
  'tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    name: text('name').notNull(),
    symbol: text('symbol').notNull(),
    decimals: smallint('decimals').notNull(),
    maxSupply: amount('max_supply'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('tokens_org_symbol').on(t.orgId, t.symbol), check('tokens_decimals', sql`${t.decimals} between 0 and 18`)],
);

/** One account per member per token, plus each token's issuance and redemption accounts. */
export const accounts = token.table(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    tokenId: uuid('token_id').notNull().references(() => tokens.id),
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id'),
    balance: amount('balance').notNull().default('0'),
  },
  (t) => [
    unique('accounts_owner').on(t.tokenId, t.ownerType, t.ownerId).nullsNotDistinct(),
    check('accounts_owner_type', sql`${t.ownerType} in ('member', 'issuance', 'redemption')`),
    check('accounts_no_overdraft', sql`${t.ownerType} = 'issuance' or ${t.balance} >= 0`),
  ],
);

/** Immutable: a mistake is fixed by a reversing transaction, never an edit. */
export const transactions = token.table(
  'transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    reversesId: uuid('reverses_id').unique(),
    memo: text('memo'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('transactions_org_seq').on(t.orgId, t.seq)],
);

export const postings = token.table(
  'postings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid('org_id').notNull(),
    transactionId: uuid('transaction_id').notNull().references(() => transactions.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    tokenId: uuid('token_id').notNull(),
    amount: amount('amount').notNull(),
  },
  (t) => [index('postings_account').on(t.accountId, t.transactionId), index('postings_transaction').on(t.transactionId), check('postings_nonzero', sql`${t.amount} <> 0`)],
);

/** Every mutation's key: its first result (`{ transactionId }`) replayed to retries, kept as long as the ledger. */
export const idempotencyKeys = idempotencyTable(token);
