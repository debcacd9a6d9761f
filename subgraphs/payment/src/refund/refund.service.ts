import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { appError, idempotencyKeyOrThrow, idempotent, inTenant, personOrThrow, recordEvent, scopeOf, setLocal, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import { EVENT_TYPES, principalActor, type PaymentRefunded, type Principal } from '@etika/schema';
import { MAX_TOKENS, minorUnitsOrThrow, refundAmount } from '../money/money.ts';
import { lockedPayment } from '../payment/payment.apply.ts';
import type { PaymentRow, RefundRow } from '../payment/payment.mapper.ts';
import { advanceRefund, type RefundState } from '../payment/payment.state.ts';
import type { TokenLedger } from '../payment/token.client.ts';
import type { PaymentProvider, ProviderEvent, ProviderRefund } from '../provider/provider.ts';
import { idempotencyKeys, payments, refunds } from '../tables.ts';

export interface RefundRequest {
  readonly paymentId: string;
  readonly tokens?: string | null | undefined;
  readonly onlyWhatIsLeft: boolean;
  readonly idempotencyKey: string;
}

/**
 * Refunds: the tokens come back through the ledger first (token's internal route, once per refund id), then the
 * money, in proportion, through the provider. The tokens a refund takes back are held on the payment under its row
 * lock before anything else happens, so concurrent refunds never take back, or return, more than was bought and paid.
 */
export class RefundService {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly ledger: TokenLedger,
    private readonly onCommit: () => void,
  ) {}

  async refund(principal: Principal, principalToken: string, input: RefundRequest): Promise<RefundRow> {
    const person = personOrThrow(principal);
    if (input.onlyWhatIsLeft && person.role !== 'owner') throw appError('FORBIDDEN', 'Only an owner can refund only what is left');
    const orgId = person.orgId;
    if (!orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
    const key = idempotencyKeyOrThrow(input.idempotencyKey);
    const paymentId = uuidOrThrow(input.paymentId, 'paymentId');
    const asked = input.tokens === null || input.tokens === undefined ? null : minorUnitsOrThrow(input.tokens, 'tokens', MAX_TOKENS);
    const request = { op: 'refundPayment', paymentId, tokens: asked?.toString() ?? null, onlyWhatIsLeft: input.onlyWhatIsLeft };
    const held = await inTenant(this.db, { orgId, userId: person.userId }, (tx) =>
      idempotent(tx, idempotencyKeys, { orgId, key, request }, {
        run: () => this.hold(tx, paymentId, asked, principalActor(principal)),
        save: (row) => ({ refundId: row.id }),
        replay: async (saved) => (await tx.select().from(refunds).where(eq(refunds.id, saved.refundId)))[0]!,
      }),
    );
    if (held.result.status !== 'pending') return held.result;
    return this.complete(principalToken, held.result, input.onlyWhatIsLeft);
  }

  /** Holds the tokens of a new refund on the locked payment. */
  private async hold(tx: Tx, paymentId: string, asked: bigint | null, actor: string): Promise<RefundRow> {
    const payment = await lockedPayment(tx, paymentId);
    if (!payment) throw appError('NOT_FOUND', 'No such payment', { field: 'paymentId' });
    if (payment.status !== 'succeeded') throw appError('PAYMENT_STATE_CONFLICT', `Only a payment that succeeded can be refunded (this one is ${payment.status})`);
    const left = BigInt(payment.tokens) - BigInt(payment.refundedTokens);
    const tokens = asked ?? left;
    if (tokens === 0n || tokens > left) throw appError('REFUND_EXCEEDS_PAYMENT', `At most ${left} units of this payment are left to refund`, { field: 'tokens' });
    await tx.update(payments).set({ refundedTokens: sql`${payments.refundedTokens} + ${tokens.toString()}::numeric`, updatedAt: new Date() }).where(eq(payments.id, paymentId));
    const [row] = await tx.insert(refunds).values({ orgId: payment.orgId, paymentId, status: 'pending', tokens: tokens.toString(), requestedBy: actor }).returning();
    return row!;
  }

  /** Tokens back through the ledger, then the money; a refusal releases what the refund held. */
  private async complete(principalToken: string, refund: RefundRow, onlyWhatIsLeft: boolean): Promise<RefundRow> {
    const asked = BigInt(refund.tokens);
    const answer = await this.ledger.takeBack(principalToken, { paymentId: refund.paymentId, refundId: refund.id, tokens: asked, onlyWhatIsLeft });
    if (answer.outcome !== 'taken') {
      const code = answer.outcome === 'spent' ? 'TOKENS_SPENT' : 'PAYMENT_STATE_CONFLICT';
      await this.release(refund, asked, code);
      if (code === 'TOKENS_SPENT') {
        throw appError('TOKENS_SPENT', `The buyer holds only ${answer.tokens} of these units now; an owner can refund only what is left`, { field: 'tokens' });
      }
      throw appError('PAYMENT_STATE_CONFLICT', 'The tokens of this payment are not issued yet; try again in a moment');
    }
    return this.sendMoney(await this.fixAmount(refund, BigInt(answer.tokens)));
  }

  /**
   * The money for the tokens taken back, fixed under the payment's lock: in proportion, and all that is left when
   * these are the last tokens. Tokens held but not taken back (only what was left) are released.
   */
  private async fixAmount(refund: RefundRow, taken: bigint): Promise<RefundRow> {
    return inTenant(this.db, { orgId: refund.orgId, userId: null }, async (tx) => {
      const payment = (await lockedPayment(tx, refund.paymentId))!;
      const current = await lockedRefund(tx, refund.id);
      // a retry of the same refund (its key replayed) finds the amount fixed already
      if (current.amount !== null || current.status !== 'pending') return current;
      const released = BigInt(refund.tokens) - taken;
      const [fixedBefore] = await tx
        .select({ tokens: sql<string>`coalesce(sum(${refunds.tokens}), 0)::text` })
        .from(refunds)
        .where(and(eq(refunds.paymentId, refund.paymentId), isNotNull(refunds.amount), inArray(refunds.status, ['pending', 'succeeded'])));
      const amount = refundAmount({ total: BigInt(payment.total), tokens: BigInt(payment.tokens) }, { tokens: BigInt(fixedBefore!.tokens), amount: BigInt(payment.refundedAmount) }, taken);
      await tx
        .update(payments)
        .set({ refundedTokens: sql`${payments.refundedTokens} - ${released.toString()}::numeric`, refundedAmount: sql`${payments.refundedAmount} + ${amount.toString()}::numeric`, updatedAt: new Date() })
        .where(eq(payments.id, payment.id));
      const [row] = await tx.update(refunds).set({ tokens: taken.toString(), amount: amount.toString(), updatedAt: new Date() }).where(eq(refunds.id, refund.id)).returning();
      return row!;
    });
  }

  /** A refund that ends without money moving: what it held goes back to the payment. */
  private async release(refund: RefundRow, heldTokens: bigint, code: string): Promise<void> {
    await inTenant(this.db, { orgId: refund.orgId, userId: null }, async (tx) => {
      await lockedPayment(tx, refund.paymentId);
      const current = await lockedRefund(tx, refund.id);
      if (current.status !== 'pending' || current.amount !== null) return;
      await tx.update(payments).set({ refundedTokens: sql`${payments.refundedTokens} - ${heldTokens.toString()}::numeric`, updatedAt: new Date() }).where(eq(payments.id, refund.paymentId));
      await tx.update(refunds).set({ status: 'canceled', failureCode: code, updatedAt: new Date() }).where(eq(refunds.id, refund.id));
    });
  }

  /**
   * The scheduled pass: refunds whose tokens came back (their amount is fixed) but whose money never went out, because
   * the process stopped before the provider was asked, are sent to the provider again (idempotent by refund id).
   * A refund stopped before its tokens came back resumes when its request is sent again with its key.
   */
  async resumeStuck(olderThanMs: number): Promise<number> {
    const stuck = await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      await setLocal(tx, 'app.system', 'payment-reconciler');
      return tx.select().from(refunds).where(and(eq(refunds.status, 'pending'), isNotNull(refunds.amount), lt(refunds.updatedAt, new Date(Date.now() - olderThanMs)))).limit(500);
    });
    for (const refund of stuck) await this.sendMoney(refund);
    return stuck.length;
  }

  /** The money of a refund whose amount is fixed, through the provider, and the state it answers. */
  private async sendMoney(fixed: RefundRow): Promise<RefundRow> {
    const payment = await inTenant(this.db, { orgId: fixed.orgId, userId: null }, async (tx) => (await tx.select().from(payments).where(eq(payments.id, fixed.paymentId)))[0]!);
    const result: ProviderRefund = BigInt(fixed.amount ?? '0') === 0n
      ? { id: '', status: 'succeeded', failureCode: null }
      : await this.provider.refund({ intentId: payment.providerPaymentId!, amount: BigInt(fixed.amount!), metadata: { orgId: fixed.orgId, paymentId: fixed.paymentId, refundId: fixed.id }, idempotencyKey: `refund-${fixed.id}` });
    return inTenant(this.db, { orgId: fixed.orgId, userId: null }, async (tx) => {
      if (result.id) await tx.update(refunds).set({ providerRefundId: result.id }).where(eq(refunds.id, fixed.id));
      return this.applyRefundState(tx, fixed.id, result.status, result.failureCode);
    }).finally(this.onCommit);
  }

  /** A refund's state as the provider reports it (its answer or a webhook), once: `payment.refunded` on success. */
  async applyRefundState(tx: Tx, refundId: string, seen: RefundState, failureCode: string | null): Promise<RefundRow> {
    const row = await lockedRefund(tx, refundId);
    const next = advanceRefund(row.status as RefundState, seen);
    if (!next) return row;
    const [updated] = await tx.update(refunds).set({ status: next, failureCode, updatedAt: new Date() }).where(eq(refunds.id, refundId)).returning();
    if (next === 'succeeded') {
      const [payment] = await tx.select().from(payments).where(eq(payments.id, row.paymentId));
      await recordEvent<PaymentRefunded>(tx, 'payment', EVENT_TYPES.paymentRefunded, row.orgId, refundedEvent(payment!, updated!));
    }
    return updated!;
  }

  /** A provider's refund event (Stripe reports refunds that settle later by webhook). */
  async applyEvent(tx: Tx, event: ProviderEvent): Promise<void> {
    if (!event.refund) return;
    const [row] = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.id, event.refund.refundId));
    if (row) await this.applyRefundState(tx, row.id, event.refund.status, event.refund.failureCode);
  }

  async ofPayments(principal: Principal, paymentIds: readonly string[]): Promise<RefundRow[][]> {
    const rows = await inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(refunds).where(inArray(refunds.paymentId, [...paymentIds])).orderBy(refunds.createdAt));
    return paymentIds.map((id) => rows.filter((r) => r.paymentId === id));
  }
}

async function lockedRefund(tx: Tx, refundId: string): Promise<RefundRow> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
  if (!row) throw new Error(`no refund ${refundId}`);
  return row;
}

function refundedEvent(payment: PaymentRow, refund: RefundRow): PaymentRefunded {
  return {
    paymentId: payment.id,
    orgId: payment.orgId,
    buyerId: payment.buyerId,
    tokenId: payment.tokenId,
    quoteId: payment.quoteId,
    refundId: refund.id,
    tokens: refund.tokens,
    currency: payment.currency,
    amount: refund.amount ?? '0',
  };
}
