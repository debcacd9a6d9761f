import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { appError, inTenant, loadByIds, scopeOf, type Db } from '@etika/kit';
import type { Principal } from '@etika/schema';
import { parseCapOrThrow } from '../ledger/amount.ts';
import { accounts, tokens } from '../tables.ts';

export type TokenRow = typeof tokens.$inferSelect;

export interface TokenDefinition {
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly maxSupply?: string | null | undefined;
}

/** Token definitions, supplies and wallets. */
export class TokenService {
  constructor(private readonly db: Db) {}

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
}
