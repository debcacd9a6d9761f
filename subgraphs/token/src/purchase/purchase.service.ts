import { and, eq, sql } from 'drizzle-orm';
import { inTenant, queryRows, recordEvent, type Db, type Logger, type Tx } from '@etika/kit';
import { EVENT_TYPES, type EventEnvelope, type PaymentSucceeded, type TokenPurchaseSettled } from '@etika/schema';
import { accounts, tokens } from '../tables.ts';
import { lockedSupply, purchasePostings, writePurchaseTransaction } from './purchase.ledger.ts';
import { purchaseRefunds, purchaseReservations, purchases } from './purchase.tables.ts';

const settled = (tx: Tx, orgId: string, paymentId: string, outcome: 'issued' | 'refused', transactionId: string | null) =>
  recordEvent<TokenPurchaseSettled>(tx, 'token', EVENT_TYPES.tokenPurchaseSettled, orgId, { paymentId, orgId, outcome, transactionId });

/** How long room under a cap is held for a purchase that has not been issued. */
export const RESERVATION_MS = 60 * 60 * 1000;

/**
 * Tokens for money: purchases issued once per payment from each token's sale account, room under the supply cap held
 * for purchases on their way, and tokens taken back for refunds, once per refund.
 */
export class PurchaseService {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly onCommit: () => void,
  ) {}

  /**
   * `payment.succeeded`, in the consumer's transaction (its inbox row commits with it): the bought tokens go into
   * the buyer's wallet once, whatever the number of deliveries, the payment id being the key. A purchase the cap
   * can no longer take (its reservation expired and others took the room) is recorded as refused, for a refund,
   * instead of failing the event for ever.
   */
  async issue(tx: Tx, event: EventEnvelope<PaymentSucceeded>): Promise<void> {
    const p = event.payload;
    const amount = BigInt(p.tokens);
    const fresh = await tx
      .insert(purchases)
      .values({ paymentId: p.paymentId, orgId: p.orgId, tokenId: p.tokenId, buyerId: p.buyerId, amount: amount.toString(), status: 'issued' })
      .onConflictDoNothing()
      .returning({ id: purchases.paymentId });
    if (fresh.length === 0) {
      // a repeat (payment asks again when it never heard back): tell it again how it went
      const [known] = await tx.select().from(purchases).where(eq(purchases.paymentId, p.paymentId));
      if (known) await settled(tx, known.orgId, known.paymentId, known.status as 'issued' | 'refused', known.transactionId);
      return;
    }
    await tx.delete(purchaseReservations).where(eq(purchaseReservations.quoteId, p.quoteId));
    if (!(await this.fitsOnce(tx, p.tokenId, amount))) {
      await tx.update(purchases).set({ status: 'refused' }).where(eq(purchases.paymentId, p.paymentId));
      this.logger.error({ paymentId: p.paymentId, tokenId: p.tokenId }, 'a paid purchase no longer fits under the supply cap; it is recorded as refused and needs a refund');
      await settled(tx, p.orgId, p.paymentId, 'refused', null);
      return;
    }
    const committed = await writePurchaseTransaction(tx, p.orgId, 'purchase', `payment:${p.paymentId}`, `Bought with payment ${p.paymentId}`, purchasePostings(p.tokenId, p.buyerId, amount, 'issue'));
    await tx.update(purchases).set({ transactionId: committed.transaction.id }).where(eq(purchases.paymentId, p.paymentId));
    await settled(tx, p.orgId, p.paymentId, 'issued', committed.transaction.id);
  }

  /** Whether issuing `amount` keeps circulating supply, with the room other purchases hold, within the cap. */
  private async fitsOnce(tx: Tx, tokenId: string, amount: bigint): Promise<boolean> {
    const supply = await lockedSupply(tx, tokenId, null);
    return !supply || supply.circulating + supply.held + amount <= supply.max;
  }

  /** Frees the room a purchase held (its payment was canceled). */
  async release(tx: Tx, quoteId: string): Promise<void> {
    await tx.delete(purchaseReservations).where(eq(purchaseReservations.quoteId, quoteId));
  }

  /** Whether these tokens fit under the cap, counting the room other unexpired purchases hold; holds room for a quote. */
  async reserve(orgId: string, request: { tokenId: string; tokens: bigint; quoteId: string | null }): Promise<'fits' | 'cap' | 'no_token'> {
    return inTenant(this.db, { orgId, userId: null }, async (tx) => {
      const [found] = await tx.select({ id: tokens.id }).from(tokens).where(eq(tokens.id, request.tokenId));
      if (!found) return 'no_token';
      const supply = await lockedSupply(tx, found.id, request.quoteId);
      if (supply && supply.circulating + supply.held + request.tokens > supply.max) return 'cap';
      if (request.quoteId) {
        const expiresAt = new Date(Date.now() + RESERVATION_MS);
        await tx
          .insert(purchaseReservations)
          .values({ quoteId: request.quoteId, orgId, tokenId: found.id, amount: request.tokens.toString(), expiresAt })
          .onConflictDoUpdate({ target: purchaseReservations.quoteId, set: { expiresAt } });
      }
      return 'fits';
    });
  }

  /**
   * Takes back the tokens of a refund, once per refund id (a repeat answers what was taken). When the buyer holds
   * fewer than asked, answers `spent` unless `onlyWhatIsLeft`, which takes what is left (nothing left is `spent`).
   */
  async takeBack(orgId: string, actor: string, request: { paymentId: string; refundId: string; tokens: bigint; onlyWhatIsLeft: boolean }): Promise<{ outcome: 'taken' | 'spent' | 'not_issued'; tokens: string }> {
    const answer = await inTenant(this.db, { orgId, userId: null }, async (tx) => {
      const [purchase] = await tx.select().from(purchases).where(and(eq(purchases.paymentId, request.paymentId), eq(purchases.status, 'issued'))).for('update');
      if (!purchase) return { outcome: 'not_issued' as const, tokens: '0' };
      // read under the purchase's lock, so a concurrent retry of this refund sees what the first took
      const [done] = await tx.select().from(purchaseRefunds).where(eq(purchaseRefunds.refundId, request.refundId));
      if (done) return { outcome: 'taken' as const, tokens: done.amount };
      const left = BigInt(purchase.amount) - BigInt(purchase.refunded);
      const [wallet] = await tx
        .select({ balance: accounts.balance })
        .from(accounts)
        .where(and(eq(accounts.tokenId, purchase.tokenId), eq(accounts.ownerType, 'member'), eq(accounts.ownerId, purchase.buyerId)))
        .for('update');
      const held = BigInt(wallet?.balance ?? '0');
      let take = request.tokens < left ? request.tokens : left;
      if (held < take) {
        if (!request.onlyWhatIsLeft || held === 0n) return { outcome: 'spent' as const, tokens: held.toString() };
        take = held;
      }
      const committed = await writePurchaseTransaction(tx, orgId, 'refund', actor, `Refund ${request.refundId} of payment ${request.paymentId}`, purchasePostings(purchase.tokenId, purchase.buyerId, take, 'take-back'));
      await tx.insert(purchaseRefunds).values({ refundId: request.refundId, orgId, paymentId: purchase.paymentId, amount: take.toString(), transactionId: committed.transaction.id });
      await tx.update(purchases).set({ refunded: sql`${purchases.refunded} + ${take.toString()}::numeric` }).where(eq(purchases.paymentId, purchase.paymentId));
      return { outcome: 'taken' as const, tokens: take.toString() };
    });
    if (answer.outcome === 'taken') this.onCommit();
    return answer;
  }
}

