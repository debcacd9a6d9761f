import { and, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import { appError, idempotencyKeyOrThrow, idempotent, inTenant, loadByIds, personOrThrow, recordEvent, scopeOf, setLocal, uuidOrThrow, type Db, type Logger } from '@etika/kit';
import { EVENT_TYPES, type PaymentSucceeded, type Principal } from '@etika/schema';
import type { PaymentProvider, ProviderEvent, ProviderIntent } from '../provider/provider.ts';
import { isExpired } from '../quote/quote.rules.ts';
import { attempts, idempotencyKeys, payments, prices, providerEvents, quotes } from '../tables.ts';
import { applyIntent, lockedPayment, succeededPayload } from './payment.apply.ts';
import type { AttemptRow, PaymentRow } from './payment.mapper.ts';
import type { TokenLedger } from './token.client.ts';

export interface PaymentFilter {
  readonly first: number;
  readonly after?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly tokenId?: string | null | undefined;
  readonly buyerId?: string | null | undefined;
  readonly from?: Date | null | undefined;
  readonly to?: Date | null | undefined;
}

const MAX_PAGE = 100;
/** Who may see every payment of the organisation, not only their own. */
const ORGANISATION_READERS = ['payment:manage', 'payment:refund', 'ledger:read'] as const;

export const seesAllPayments = (principal: Principal) => principal.kind !== 'anonymous' && ORGANISATION_READERS.some((s) => principal.scopes.includes(s));

const cursorOf = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function seqOrThrow(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw appError('BAD_USER_INPUT', 'That cursor is not one this API gave out', { field: 'after' });
  return Number(match[1]);
}

function orgOrThrow(principal: Principal): string {
  if (principal.kind === 'anonymous' || !principal.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
  return principal.orgId;
}

/**
 * Payments: created from a quote, confirmed with a method at the provider, moved by what the provider says (its
 * answers and its webhooks, each applied once) and reconciled when a webhook never came.
 */
export class PaymentService {
  constructor(
    private readonly db: Db,
    readonly provider: PaymentProvider,
    private readonly ledger: TokenLedger,
    private readonly logger: Logger,
    /** Publishes the outbox now, after a commit that may have written an event. */
    private readonly onCommit: () => void,
  ) {}

  /**
   * A payment for a quote of the buyer's, under an idempotency key: refused when the quote expired, when the price
   * changed since, or when the tokens would break the token's supply cap (asked of token before anything is charged).
   */
  async create(principal: Principal, principalToken: string, input: { quoteId: string; idempotencyKey: string }): Promise<PaymentRow> {
    const person = personOrThrow(principal);
    const orgId = orgOrThrow(principal);
    const key = idempotencyKeyOrThrow(input.idempotencyKey);
    const quoteId = uuidOrThrow(input.quoteId, 'quoteId');
    const scope = { orgId, userId: person.userId };
    const quote = await inTenant(this.db, scope, async (tx) => {
      const [q] = await tx.select().from(quotes).where(and(eq(quotes.id, quoteId), eq(quotes.buyerId, person.userId)));
      if (!q) throw appError('NOT_FOUND', 'No such quote', { field: 'quoteId' });
      const [price] = await tx.select().from(prices).where(eq(prices.tokenId, q.tokenId));
      if (isExpired(q, new Date())) throw appError('QUOTE_EXPIRED', 'This quote has expired; ask for a new one', { field: 'quoteId' });
      if (!price || price.id !== q.priceId || price.version !== q.priceVersion) throw appError('PRICE_CHANGED', 'The price changed after this quote; ask for a new one', { field: 'quoteId' });
      return q;
    });
    await this.reserveOrThrow(principalToken, quote.tokenId, BigInt(quote.tokens), quote.id);
    const { result } = await inTenant(this.db, scope, (tx) =>
      idempotent(tx, idempotencyKeys, { orgId, key, request: { op: 'createPayment', buyer: person.userId, quoteId } }, {
        run: async () => {
          const [taken] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.quoteId, quoteId));
          if (taken) throw appError('CONFLICT', 'This quote is already being paid', { field: 'quoteId' });
          const [row] = await tx
            .insert(payments)
            .values({ orgId, buyerId: person.userId, tokenId: quote.tokenId, quoteId, tokens: quote.tokens, currency: quote.currency, total: quote.total, status: 'requires_payment_method', provider: this.provider.name })
            .returning();
          return row!;
        },
        save: (row) => ({ paymentId: row.id }),
        replay: async (saved) => (await tx.select().from(payments).where(eq(payments.id, saved.paymentId)))[0]!,
      }),
    ).catch((err: unknown) => {
      // two keys paying one quote at once: the quote's unique index lets one through
      const cause = (err as { cause?: { code?: string } }).cause ?? (err as { code?: string });
      if (cause.code === '23505') throw appError('CONFLICT', 'This quote is already being paid', { field: 'quoteId' });
      throw err;
    });
    return this.withIntent(result);
  }

  /** The provider's intent for a payment, created on first need (idempotent by payment id at the provider). */
  private async withIntent(row: PaymentRow): Promise<PaymentRow> {
    if (row.providerPaymentId) return row;
    const intent = await this.provider.createIntent({ amount: BigInt(row.total), currency: row.currency, metadata: { orgId: row.orgId, paymentId: row.id }, idempotencyKey: `create-${row.id}` });
    const [updated] = await inTenant(this.db, { orgId: row.orgId, userId: null }, (tx) =>
      tx.update(payments).set({ providerPaymentId: intent.id, clientSecret: intent.clientSecret, updatedAt: new Date() }).where(eq(payments.id, row.id)).returning(),
    );
    return updated!;
  }

  private async reserveOrThrow(principalToken: string, tokenId: string, tokens: bigint, quoteId: string): Promise<void> {
    const outcome = await this.ledger.reserve(principalToken, { tokenId, tokens, quoteId });
    if (outcome === 'no_token') throw appError('NOT_FOUND', 'No such token in this organisation', { field: 'tokenId' });
    if (outcome === 'cap') throw appError('SUPPLY_CAP_EXCEEDED', 'This purchase would put more tokens in circulation than the maximum supply');
  }

  private async ownOrThrow(principal: Principal, paymentId: string, manage = false): Promise<PaymentRow> {
    const id = uuidOrThrow(paymentId, 'paymentId');
    const [row] = await this.byIds(principal, [id]);
    const mayAct = row && (principal.kind === 'user' && row.buyerId === principal.userId || (manage && principal.kind !== 'anonymous' && principal.scopes.includes('payment:manage')));
    if (!row || !mayAct) throw appError('NOT_FOUND', 'No such payment', { field: 'paymentId' });
    return row;
  }

  /** Pays with a method: the supply cap is checked again first, then the provider charges, and its answer is applied. */
  async confirm(principal: Principal, principalToken: string, input: { paymentId: string; paymentMethod: string }): Promise<PaymentRow> {
    const row = await this.withIntent(await this.ownOrThrow(principal, input.paymentId));
    if (row.status !== 'requires_payment_method') throw appError('PAYMENT_STATE_CONFLICT', `This payment cannot be confirmed now (it is ${row.status})`);
    const method = input.paymentMethod.trim();
    if (!method || method.length > 200) throw appError('BAD_USER_INPUT', 'Choose a payment method', { field: 'paymentMethod' });
    await this.reserveOrThrow(principalToken, row.tokenId, BigInt(row.tokens), row.quoteId);
    const count = (await this.attemptsOf(principal, [row.id]))[0]?.length ?? 0;
    const intent = await this.provider.confirm(row.providerPaymentId!, method, `confirm-${row.id}-${count}`);
    return this.record(row, intent, { method });
  }

  async completeAction(principal: Principal, input: { paymentId: string; approve: boolean }): Promise<PaymentRow> {
    const row = await this.ownOrThrow(principal, input.paymentId);
    if (row.status !== 'requires_action' || !row.providerPaymentId) throw appError('PAYMENT_STATE_CONFLICT', `This payment has no step waiting (it is ${row.status})`);
    return this.record(row, await this.provider.completeAction(row.providerPaymentId, input.approve), null);
  }

  async cancel(principal: Principal, paymentId: string): Promise<PaymentRow> {
    const row = await this.ownOrThrow(principal, paymentId, true);
    if (row.status === 'succeeded' || row.status === 'processing') throw appError('PAYMENT_STATE_CONFLICT', `This payment cannot be canceled (it is ${row.status}); ask for a refund`);
    if (row.status === 'canceled') return row;
    const intent: ProviderIntent = row.providerPaymentId
      ? await this.provider.cancel(row.providerPaymentId)
      : { id: '', status: 'canceled', failed: false, declineCode: null, nextAction: null, clientSecret: null };
    return this.record(row, intent, null);
  }

  /** The provider's answer, applied to the locked row. */
  private async record(row: PaymentRow, intent: ProviderIntent, attempt: { method: string } | null): Promise<PaymentRow> {
    return inTenant(this.db, { orgId: row.orgId, userId: null }, async (tx) => {
      const locked = await lockedPayment(tx, row.id);
      return (await applyIntent(tx, locked!, intent, new Date(), attempt)).row;
    }).finally(this.onCommit);
  }

  /**
   * One verified provider event, exactly once: its id is claimed in `provider_events` in the transaction that
   * applies it, so concurrent deliveries of it wait for the first and then find it taken. Events of intents that are
   * not this provider's, or of unknown payments, are remembered and change nothing.
   */
  async handleEvent(event: ProviderEvent, applyRefund: (tx: Parameters<typeof applyIntent>[0], event: ProviderEvent) => Promise<void>): Promise<'applied' | 'duplicate'> {
    return inTenant(this.db, { orgId: event.orgId, userId: null }, async (tx) => {
      const fresh = await tx.insert(providerEvents).values({ orgId: event.orgId, provider: this.provider.name, eventId: event.id, type: event.type }).onConflictDoNothing().returning({ id: providerEvents.eventId });
      if (fresh.length === 0) return 'duplicate';
      if (event.intent) {
        const row = await lockedPayment(tx, event.paymentId);
        if (row && row.providerPaymentId === event.intent.id) await applyIntent(tx, row, event.intent, event.occurredAt, null);
      }
      if (event.refund) await applyRefund(tx, event);
      return 'applied' as const;
    }).finally(this.onCommit);
  }

  /** Payments of the organisation (or one) still processing: the provider is asked where each stands. */
  async reconcileFor(principal: Principal, paymentId: string | null): Promise<{ checked: number; updated: number }> {
    const orgId = orgOrThrow(principal);
    const id = paymentId ? uuidOrThrow(paymentId, 'paymentId') : null;
    const rows = await inTenant(this.db, { orgId, userId: null }, (tx) =>
      tx.select().from(payments).where(and(eq(payments.status, 'processing'), id ? eq(payments.id, id) : undefined)).limit(500),
    );
    return this.reconcileRows(rows);
  }

  /**
   * The scheduled pass, over every organisation: payments processing for longer than `olderThanMs` are asked of the
   * provider; payments that succeeded longer than `reissueAfterMs` ago and whose tokens token has not confirmed get
   * their `payment.succeeded` again (token issues once per payment, and answers again), so neither a lost webhook
   * nor an event lost with a stopped process loses a purchase.
   */
  async reconcileStuck(olderThanMs: number, reissueAfterMs: number): Promise<{ checked: number; updated: number }> {
    const [stuck, unissued] = await inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      // the one policy that reads across organisations: payments' status and provider ids, for this pass only
      await setLocal(tx, 'app.system', 'payment-reconciler');
      return Promise.all([
        tx.select().from(payments).where(and(eq(payments.status, 'processing'), lt(payments.updatedAt, new Date(Date.now() - olderThanMs)))).limit(500),
        tx.select().from(payments).where(and(eq(payments.status, 'succeeded'), eq(payments.issuance, 'pending'), lt(payments.updatedAt, new Date(Date.now() - reissueAfterMs)))).limit(500),
      ]);
    });
    for (const row of unissued) {
      await inTenant(this.db, { orgId: row.orgId, userId: null }, async (tx) => {
        await recordEvent<PaymentSucceeded>(tx, 'payment', EVENT_TYPES.paymentSucceeded, row.orgId, succeededPayload(row));
        await tx.update(payments).set({ updatedAt: new Date() }).where(eq(payments.id, row.id));
      });
      this.onCommit();
    }
    return this.reconcileRows(stuck);
  }

  private async reconcileRows(rows: readonly PaymentRow[]): Promise<{ checked: number; updated: number }> {
    let updated = 0;
    for (const row of rows) {
      if (!row.providerPaymentId) continue;
      try {
        const intent = await this.provider.retrieve(row.providerPaymentId);
        if (!intent) continue;
        const changed = await inTenant(this.db, { orgId: row.orgId, userId: null }, async (tx) => {
          const locked = await lockedPayment(tx, row.id);
          return (await applyIntent(tx, locked!, intent, new Date(), null)).changed;
        });
        if (changed) updated += 1;
        this.onCommit();
      } catch (err) {
        this.logger.warn({ err, paymentId: row.id }, 'reconciliation of a payment failed; next pass tries again');
      }
    }
    return { checked: rows.length, updated };
  }

  /** Payments by id: the caller's own, or any of the organisation for those who see them all. */
  byIds(principal: Principal, ids: readonly string[]): Promise<(PaymentRow | null)[]> {
    const own = principal.kind === 'user' && !seesAllPayments(principal) ? eq(payments.buyerId, principal.userId) : undefined;
    if (principal.kind === 'apiKey' && !seesAllPayments(principal)) return Promise.resolve(ids.map(() => null));
    return loadByIds(ids, (valid) => inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(payments).where(and(inArray(payments.id, valid), own))), (r) => r.id);
  }

  async list(principal: Principal, filter: PaymentFilter, mine: boolean): Promise<{ items: PaymentRow[]; nextCursor: string | null }> {
    orgOrThrow(principal);
    const first = Math.min(Math.max(filter.first, 1), MAX_PAGE);
    const where: (SQL | undefined)[] = [];
    if (mine) where.push(eq(payments.buyerId, personOrThrow(principal).userId));
    else if (filter.buyerId) where.push(eq(payments.buyerId, uuidOrThrow(filter.buyerId, 'buyerId')));
    if (filter.after) where.push(lt(payments.seq, seqOrThrow(filter.after)));
    if (filter.status) where.push(eq(payments.status, filter.status));
    if (filter.tokenId) where.push(eq(payments.tokenId, uuidOrThrow(filter.tokenId, 'tokenId')));
    if (filter.from) where.push(gte(payments.createdAt, filter.from));
    if (filter.to) where.push(lte(payments.createdAt, filter.to));
    const rows = await inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(payments).where(and(...where)).orderBy(desc(payments.seq)).limit(first + 1));
    const items = rows.slice(0, first);
    return { items, nextCursor: rows.length > first ? cursorOf(items[items.length - 1]!.seq) : null };
  }

  async attemptsOf(principal: Principal, paymentIds: readonly string[]): Promise<AttemptRow[][]> {
    const rows = await inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(attempts).where(inArray(attempts.paymentId, [...paymentIds])).orderBy(attempts.createdAt));
    return paymentIds.map((id) => rows.filter((r) => r.paymentId === id));
  }
}
