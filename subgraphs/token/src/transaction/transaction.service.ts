import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { accounts, postings, transactions } from '../tables.ts';

export type TransactionRow = typeof transactions.$inferSelect;
export type PostingRow = typeof postings.$inferSelect & { ownerType: string; ownerId: string | null };
export interface CommittedTransaction {
  readonly transaction: TransactionRow;
  readonly postings: PostingRow[];
}

export interface HistoryFilter {
  readonly first: number;
  readonly after?: string | null | undefined;
  readonly tokenId?: string | null | undefined;
  readonly from?: Date | null | undefined;
  readonly to?: Date | null | undefined;
}

const MAX_PAGE = 100;

function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

function decodeCursorOrThrow(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw appError('BAD_USER_INPUT', 'That cursor is not one this API gave out', { field: 'after' });
  return Number(match[1]);
}

/** The postings of these transactions with their accounts' owners, in posting order. */
export async function postingRowsOf(tx: Tx, transactionIds: readonly string[]): Promise<PostingRow[]> {
  if (transactionIds.length === 0) return [];
  return tx
    .select({ id: postings.id, orgId: postings.orgId, transactionId: postings.transactionId, accountId: postings.accountId, tokenId: postings.tokenId, amount: postings.amount, ownerType: accounts.ownerType, ownerId: accounts.ownerId })
    .from(postings)
    .innerJoin(accounts, eq(accounts.id, postings.accountId))
    .where(inArray(postings.transactionId, [...transactionIds]))
    .orderBy(postings.id);
}

/** Each transaction row with its postings. */
export async function withPostings(tx: Tx, rows: readonly TransactionRow[]): Promise<CommittedTransaction[]> {
  const all = await postingRowsOf(tx, rows.map((r) => r.id));
  return rows.map((t) => ({ transaction: t, postings: all.filter((p) => p.transactionId === t.id) }));
}

/** Transactions with a posting on this member's accounts and/or in this token: a semi-join on the postings index. */
function involvedTransactions(memberId: string | null, tokenId: string | null) {
  const where: SQL[] = [];
  if (memberId) where.push(and(eq(accounts.ownerType, 'member'), eq(accounts.ownerId, memberId))!);
  if (tokenId) where.push(eq(postings.tokenId, tokenId));
  return sql`(select ${postings.transactionId} from ${postings} inner join ${accounts} on ${accounts.id} = ${postings.accountId} where ${and(...where)})`;
}

/** The read side of the ledger: history pages and transactions by id. */
export class TransactionService {
  constructor(private readonly db: Db) {}

  /** Newest first, by a cursor on the ledger sequence; `memberId` narrows to one person's transactions. */
  async history(principal: Principal, filter: HistoryFilter, memberId: string | null): Promise<{ items: CommittedTransaction[]; nextCursor: string | null }> {
    const first = Math.min(Math.max(filter.first, 1), MAX_PAGE);
    const conditions: SQL[] = [];
    if (filter.after) conditions.push(lt(transactions.seq, decodeCursorOrThrow(filter.after)));
    if (filter.from) conditions.push(gte(transactions.createdAt, filter.from));
    if (filter.to) conditions.push(lte(transactions.createdAt, filter.to));
    const tokenId = filter.tokenId ? uuidOrThrow(filter.tokenId, 'tokenId') : null;
    if (memberId || tokenId) conditions.push(inArray(transactions.id, involvedTransactions(memberId, tokenId)));
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const rows = await tx.select().from(transactions).where(and(...conditions)).orderBy(desc(transactions.seq)).limit(first + 1);
      const page = rows.slice(0, first);
      return { items: await withPostings(tx, page), nextCursor: rows.length > first ? encodeCursor(page[page.length - 1]!.seq) : null };
    });
  }

  async byIds(principal: Principal, ids: readonly string[]): Promise<(CommittedTransaction | null)[]> {
    const fetch = (valid: string[]) =>
      inTenant(this.db, scopeOf(principal), async (tx) => withPostings(tx, await tx.select().from(transactions).where(inArray(transactions.id, valid))));
    return loadByIds(ids, fetch, (c) => c.transaction.id);
  }
}
