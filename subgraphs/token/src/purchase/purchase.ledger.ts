import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { appError, queryRows, recordEvent, type Tx } from '@etika/kit';
import { EVENT_TYPES, type TokenTransactionCommitted } from '@etika/schema';
import { MAX_AMOUNT } from '../ledger/amount.ts';
import { toEvent } from '../ledger/ledger.service.ts';
import { accountKey, isBalanced, netChanges, supplyChanges, type AccountRef, type Posting } from '../ledger/postings.ts';
import { accounts, postings, tokens, transactions } from '../tables.ts';
import { postingRowsOf, type CommittedTransaction } from '../transaction/transaction.service.ts';

/** The sale account of a token: purchases are issued from it (it may go negative, like the issuance account). */
export const saleAccount = (tokenId: string): AccountRef => ({ tokenId, ownerType: 'sale', ownerId: null });
export const memberAccount = (tokenId: string, userId: string): AccountRef => ({ tokenId, ownerType: 'member', ownerId: userId });

/** A purchase issues from the sale account into the buyer's wallet; a refund moves the tokens back. */
export function purchasePostings(tokenId: string, buyerId: string, amount: bigint, direction: 'issue' | 'take-back'): Posting[] {
  const sign = direction === 'issue' ? 1n : -1n;
  return [
    { account: saleAccount(tokenId), amount: -sign * amount },
    { account: memberAccount(tokenId, buyerId), amount: sign * amount },
  ];
}

/**
 * One ledger transaction of a purchase or refund, written in the caller's transaction the way the ledger writes its
 * own: the transaction row, accounts (created in a stable order), balances guarded so no wallet goes below zero
 * (`INSUFFICIENT_BALANCE`) and no balance past the ledger's largest amount, the supply cap of a token whose supply
 * grows (`SUPPLY_CAP_EXCEEDED`), the postings and the `token.transaction.committed` event.
 */
export async function writePurchaseTransaction(tx: Tx, orgId: string, kind: 'purchase' | 'refund', actor: string, memo: string, planned: Posting[]): Promise<CommittedTransaction> {
  if (!isBalanced(planned)) throw new Error('unbalanced transaction');
  const [created] = await tx.insert(transactions).values({ orgId, kind, actor, memo }).returning();
  const refs = [...new Map(planned.map((p) => [accountKey(p.account), p.account])).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
  await tx.insert(accounts).values(refs.map((r) => ({ orgId, tokenId: r.tokenId, ownerType: r.ownerType, ownerId: r.ownerId }))).onConflictDoNothing();
  const ids = new Map<string, string>();
  for (const r of refs) {
    const [row] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.tokenId, r.tokenId), eq(accounts.ownerType, r.ownerType), r.ownerId ? eq(accounts.ownerId, r.ownerId) : sql`${accounts.ownerId} is null`));
    ids.set(accountKey(r), row!.id);
  }
  for (const { account, delta } of netChanges(planned)) {
    const after = sql`${accounts.balance} + ${delta.toString()}::numeric`;
    const [row] = await tx
      .update(accounts)
      .set({ balance: after })
      .where(and(eq(accounts.id, ids.get(accountKey(account))!), sql`(${accounts.ownerType} in ('issuance', 'sale') or ${after} >= 0)`, sql`abs(${after}) <= ${MAX_AMOUNT.toString()}::numeric`))
      .returning({ id: accounts.id });
    if (!row) throw appError('INSUFFICIENT_BALANCE', 'There are not enough tokens in the wallet for this');
  }
  for (const [tokenId, delta] of supplyChanges(planned)) if (delta > 0n) await capOrThrow(tx, tokenId);
  await tx.insert(postings).values(planned.map((p) => ({ orgId, transactionId: created!.id, accountId: ids.get(accountKey(p.account))!, tokenId: p.account.tokenId, amount: p.amount.toString() })));
  const committed = { transaction: created!, postings: await postingRowsOf(tx, [created!.id]) };
  await recordEvent<TokenTransactionCommitted>(tx, 'token', EVENT_TYPES.tokenTransactionCommitted, orgId, toEvent(committed));
  return committed;
}

/** Circulating supply within the cap, with the token's row locked as the ledger locks it. */
async function capOrThrow(tx: Tx, tokenId: string): Promise<void> {
  const supply = await lockedSupply(tx, tokenId, null);
  if (supply && supply.circulating > supply.max) throw appError('SUPPLY_CAP_EXCEEDED', 'This would put more in circulation than the token’s maximum supply');
}

/**
 * A capped token's maximum, circulating supply and the room unexpired purchases hold (but `exceptQuote`'s); null for
 * a token without a cap, whose row is not locked, so its purchases never wait for each other. A capped token's row is
 * locked first, as the ledger's function locks it (FOR NO KEY UPDATE: cap checks wait for each other, foreign keys to
 * the token do not), and the supply read by the next statement: a statement that waited for a lock reads with the
 * snapshot it started with, and would miss what the lock's holder committed.
 */
export async function lockedSupply(tx: Tx, tokenId: string, exceptQuote: string | null): Promise<{ max: bigint; circulating: bigint; held: bigint } | null> {
  // one statement: a token without a cap matches no row, so nothing is locked for it
  const [token] = await tx.select({ maxSupply: tokens.maxSupply }).from(tokens).where(and(eq(tokens.id, tokenId), isNotNull(tokens.maxSupply))).for('no key update');
  if (!token?.maxSupply) return null;
  const [row] = await queryRows<{ circulating: string; held: string }>(
    tx,
    sql`select coalesce((select -sum(balance) from token.accounts where token_id = ${tokenId}::uuid and owner_type <> 'member'), 0)::text as circulating,
               coalesce((select sum(amount) from token.purchase_reservations where token_id = ${tokenId}::uuid and expires_at > now()
                         and quote_id is distinct from ${exceptQuote}::uuid), 0)::text as held`,
  );
  return { max: BigInt(token.maxSupply), circulating: BigInt(row!.circulating), held: BigInt(row!.held) };
}
