import { and, asc, desc, eq, inArray, lt, gte, lte, sql, type SQL } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, uuidOrThrow, type Db } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { parseCapOrThrow } from '../ledger/amount.ts';
import type { LedgerService, CommittedTransaction } from '../ledger/ledger.service.ts';
import { accounts, postings, tokens, transactions } from '../tables.ts';

export type TokenRow = typeof tokens.$inferSelect;

export interface TokenDefinition {
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly maxSupply?: string | null | undefined;
}

export interface HistoryFilter {
  readonly first: number;
  readonly after?: string | null | undefined;
  readonly tokenId?: string | null | undefined;
  readonly from?: Date | null | undefined;
  readonly to?: Date | null | undefined;
}

export const MAX_PAGE = 100;

export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodeCursorOrThrow(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw appError('BAD_USER_INPUT', 'That cursor is not one this API gave out', { field: 'after' });
  return Number(match[1]);
}

/** Token definitions, balances and history: the read side of the ledger. */
export class TokenService {
  constructor(
    private readonly db: Db,
    readonly ledger: LedgerService,
  ) {}

  async define(principal: Principal, input: TokenDefinition): Promise<TokenRow> {
    const scope = scopeOf(principal);
    if (!scope.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
    const name = input.name.trim();
    const symbol = input.symbol.trim().toUpperCase();
    if (!name || name.length > 100) throw appError('BAD_USER_INPUT', 'Name the token (1–100 characters)', { field: 'name' });
    if (!/^[A-Z0-9]{2,10}$/.test(symbol)) throw appError('BAD_USER_INPUT', 'The symbol has 2–10 letters or digits', { field: 'symbol' });
    if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > 18) throw appError('BAD_USER_INPUT', 'Decimals go from 0 to 18', { field: 'decimals' });
    const maxSupply = parseCapOrThrow(input.maxSupply);
    const [row] = await inTenant(this.db, scope, (tx) =>
      tx.insert(tokens).values({ orgId: scope.orgId!, name, symbol, decimals: input.decimals, maxSupply: maxSupply?.toString() ?? null }).onConflictDoNothing().returning(),
    );
    if (!row) throw appError('CONFLICT', `This organisation already has a token ${symbol}`);
    return row;
  }

  async list(principal: Principal): Promise<TokenRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(tokens).orderBy(asc(tokens.symbol)));
  }

  async byIds(principal: Principal, ids: readonly string[]): Promise<(TokenRow | null)[]> {
    return loadByIds(ids, (valid) => inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(tokens).where(inArray(tokens.id, valid))), (r) => r.id);
  }

  /** Circulating supply per token: all that was issued and not redeemed. */
  async circulating(principal: Principal, tokenIds: readonly string[]): Promise<bigint[]> {
    if (tokenIds.length === 0) return [];
    const rows = await inTenant(this.db, scopeOf(principal), (tx) =>
      tx
        .select({ tokenId: accounts.tokenId, supply: sql<string>`coalesce(-sum(${accounts.balance}), 0)::text` })
        .from(accounts)
        .where(and(inArray(accounts.tokenId, [...tokenIds]), sql`${accounts.ownerType} <> 'member'`))
        .groupBy(accounts.tokenId),
    );
    const byId = new Map(rows.map((r) => [r.tokenId, BigInt(r.supply)]));
    return tokenIds.map((id) => byId.get(id) ?? 0n);
  }

  async wallet(principal: Principal, userId: string): Promise<{ tokenId: string; balance: bigint }[]> {
    if (principal.kind !== 'user' || (principal.userId !== userId && !principal.scopes.includes('audit:read'))) {
      throw appError('FORBIDDEN', 'You can see your own wallet only');
    }
    const rows = await inTenant(this.db, scopeOf(principal), (tx) =>
      tx
        .select({ tokenId: accounts.tokenId, balance: accounts.balance })
        .from(accounts)
        .where(and(eq(accounts.ownerType, 'member'), eq(accounts.ownerId, userId))),
    );
    return rows.map((r) => ({ tokenId: r.tokenId, balance: BigInt(r.balance) }));
  }

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
      const all = await this.ledger.postingsOf(tx, page.map((r) => r.id));
      const items = page.map((t) => ({ transaction: t, postings: all.filter((p) => p.transactionId === t.id) }));
      return { items, nextCursor: rows.length > first ? encodeCursor(page[page.length - 1]!.seq) : null };
    });
  }

  async transactionsByIds(principal: Principal, ids: readonly string[]): Promise<(CommittedTransaction | null)[]> {
    const fetch = (valid: string[]) =>
      inTenant(this.db, scopeOf(principal), async (tx) => {
        const rows = await tx.select().from(transactions).where(inArray(transactions.id, valid));
        const all = await this.ledger.postingsOf(tx, rows.map((r) => r.id));
        return rows.map((t) => ({ transaction: t, postings: all.filter((p) => p.transactionId === t.id) }));
      });
    return loadByIds(ids, fetch, (c) => c.transaction.id);
  }
}

/** Transactions with a posting on this member's accounts and/or in this token: a semi-join on the postings index. */
function involvedTransactions(memberId: string | null, tokenId: string | null) {
  const where: SQL[] = [];
  if (memberId) where.push(and(eq(accounts.ownerType, 'member'), eq(accounts.ownerId, memberId))!);
  if (tokenId) where.push(eq(postings.tokenId, tokenId));
  return sql`(select ${postings.transactionId} from ${postings} inner join ${accounts} on ${accounts.id} = ${postings.accountId} where ${and(...where)})`;
}
