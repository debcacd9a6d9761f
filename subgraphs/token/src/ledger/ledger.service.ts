import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { GraphQLError } from 'graphql';
import { appError, idempotencyKeyOrThrow, idempotent, inTenant, personOrThrow, recordEvent, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import { EVENT_TYPES, principalActor, type Principal, type TokenTransactionCommitted, type TransactionKind } from '@etika/schema';
import { accounts, idempotencyKeys, postings, tokens, transactions } from '../tables.ts';
import { MAX_AMOUNT, parseAmountOrThrow } from './amount.ts';
import { postingRowsOf, withPostings, type CommittedTransaction } from '../transaction/transaction.service.ts';
import type { MemberDirectory } from './members.client.ts';
import { accountKey, isBalanced, netChanges, postingsOf, reversalOf, supplyChanges, type AccountRef, type Leg, type Posting } from './postings.ts';

export interface LegInput {
  readonly kind: 'issue' | 'transfer' | 'redeem';
  readonly tokenId: string;
  readonly amount: string;
  readonly toUserId?: string | null | undefined;
}

export interface Submission {
  readonly kind: Exclude<TransactionKind, 'reversal'>;
  readonly legs: readonly LegInput[];
  readonly idempotencyKey: string;
  readonly memo?: string | null | undefined;
}

const MAX_LEGS = 50;
const MAX_MEMO = 500;

function actorOf(principal: Principal): { orgId: string; userId: string | null; actor: string } {
  if (principal.kind === 'anonymous' || !principal.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
  return { orgId: principal.orgId, userId: principal.kind === 'user' ? principal.userId : null, actor: principalActor(principal) };
}

interface Header {
  readonly kind: TransactionKind;
  readonly idempotencyKey: string;
  /** What makes a retry the same request; its fingerprint is kept with the key. */
  readonly request: unknown;
  readonly actor: string;
  readonly memo: string | null;
  readonly reversesId: string | null;
}

/** The Postgres error behind a drizzle error: a broken check or unique constraint means the rule it guards. */
function pgError(err: unknown): { code?: string; message?: string } {
  return (err as { cause?: { code?: string; message?: string } }).cause ?? (err as { code?: string; message?: string });
}

/**
 * The ledger: every operation is one double-entry transaction, written with its postings, balances and outbox
 * event in one database transaction, under an idempotency key.
 */
export class LedgerService {
  constructor(
    private readonly db: Db,
    private readonly members: MemberDirectory,
    private readonly onCommit: () => void,
  ) {}

  /** Validates and turns the request into legs; a member can only give from their own account. */
  private async legsOrThrow(principal: Principal, principalToken: string, orgId: string, userId: string | null, input: readonly LegInput[]): Promise<Leg[]> {
    if (input.length === 0 || input.length > MAX_LEGS) throw appError('BAD_USER_INPUT', `A transaction has 1 to ${MAX_LEGS} legs`);
    const legs: Leg[] = [];
    for (const [i, leg] of input.entries()) {
      const tokenId = uuidOrThrow(leg.tokenId, `legs.${i}.tokenId`);
      const amount = parseAmountOrThrow(leg.amount, `legs.${i}.amount`);
      const to = leg.kind === 'redeem' ? null : uuidOrThrow(leg.toUserId ?? '', `legs.${i}.toUserId`);
      const needsGiver = leg.kind !== 'issue';
      if (needsGiver && !userId) throw appError('FORBIDDEN', 'Only a person can give tokens from their wallet');
      const scope = leg.kind === 'issue' ? 'token:issue' : leg.kind === 'transfer' ? 'token:transfer' : 'token:redeem';
      if (principal.kind === 'anonymous' || !principal.scopes.includes(scope)) throw appError('FORBIDDEN', `This needs ${scope}`);
      if (leg.kind === 'transfer' && to === userId) throw appError('BAD_USER_INPUT', 'You cannot send tokens to yourself', { field: `legs.${i}.toUserId` });
      if (to && !(await this.members.isMember(to, principalToken, orgId))) {
        throw appError('NOT_FOUND', 'The recipient is not a member of this organisation', { field: `legs.${i}.toUserId` });
      }
      legs.push({ kind: leg.kind, tokenId, amount, from: needsGiver ? userId : null, to });
    }
    return legs;
  }

  /** `audit` runs last inside the transaction, so the audit row commits with the transaction it records. */
  async submit(principal: Principal, principalToken: string, submission: Submission, audit?: (tx: Tx) => Promise<void>): Promise<CommittedTransaction> {
    const { orgId, userId, actor } = actorOf(principal);
    const idempotencyKey = idempotencyKeyOrThrow(submission.idempotencyKey);
    const memo = submission.memo?.trim() || null;
    if (memo && memo.length > MAX_MEMO) throw appError('BAD_USER_INPUT', `A memo has at most ${MAX_MEMO} characters`, { field: 'memo' });
    const legs = await this.legsOrThrow(principal, principalToken, orgId, userId, submission.legs);
    const request = { kind: submission.kind, actor, memo, legs: legs.map((l) => ({ ...l, amount: l.amount.toString() })) };
    return this.commit(orgId, userId, { kind: submission.kind, idempotencyKey, request, actor, memo, reversesId: null }, async (tx) => {
      await this.tokensOrThrow(tx, [...new Set(legs.map((l) => l.tokenId))]);
      return legs.flatMap(postingsOf);
    }, audit);
  }

  /**
   * Undoes a transaction with its mirror image; each transaction can be reversed once. A right of its own
   * (`token:reverse`), and only a person's: it moves tokens out of wallets whose owners took no part in the request.
   */
  async reverse(principal: Principal, transactionId: string, idempotencyKey: string): Promise<CommittedTransaction> {
    if (!personOrThrow(principal).scopes.includes('token:reverse')) throw appError('FORBIDDEN', 'This needs token:reverse');
    const { orgId, userId, actor } = actorOf(principal);
    const id = uuidOrThrow(transactionId, 'transactionId');
    const key = idempotencyKeyOrThrow(idempotencyKey);
    const request = { kind: 'reversal', actor, id };
    return this.commit(orgId, userId, { kind: 'reversal', idempotencyKey: key, request, actor, memo: null, reversesId: id }, async (tx) => {
      const original = await postingRowsOf(tx, [id]);
      if (original.length === 0) throw appError('NOT_FOUND', 'No such transaction');
      return reversalOf(original.map((p) => ({ account: { tokenId: p.tokenId, ownerType: p.ownerType as AccountRef['ownerType'], ownerId: p.ownerId }, amount: BigInt(p.amount) })));
    });
  }

  /** One idempotent database transaction: the key is claimed first, so a retry waits for the first and replays it. */
  private async commit(orgId: string, userId: string | null, header: Header, build: (tx: Tx) => Promise<Posting[]>, audit?: (tx: Tx) => Promise<void>): Promise<CommittedTransaction> {
    let outcome: { result: CommittedTransaction; replayed: boolean };
    try {
      outcome = await inTenant(this.db, { orgId, userId }, (tx) =>
        idempotent(tx, idempotencyKeys, { orgId, key: header.idempotencyKey, request: header.request }, {
          run: () => this.write(tx, orgId, header, build, audit),
          save: (committed) => ({ transactionId: committed.transaction.id }),
          replay: (saved) => this.committedOrThrow(tx, saved.transactionId),
        }),
      );
    } catch (err) {
      const cause = pgError(err);
      if (cause.code === '23514') throw appError('INSUFFICIENT_BALANCE', 'There are not enough tokens in the wallet for this');
      // one reversal per transaction: the unique index on reverses_id decides, also under concurrency
      if (cause.code === '23505' && cause.message?.includes('reverses_id')) throw appError('CONFLICT', 'That transaction was already reversed');
      throw err;
    }
    if (!outcome.replayed) this.onCommit();
    return outcome.result;
  }

  /** The transaction row, its postings, the balances and the outbox event; `audit` last. */
  private async write(tx: Tx, orgId: string, header: Header, build: (tx: Tx) => Promise<Posting[]>, audit?: (tx: Tx) => Promise<void>): Promise<CommittedTransaction> {
    const [created] = await tx
      .insert(transactions)
      .values({ orgId, kind: header.kind, actor: header.actor, memo: header.memo, reversesId: header.reversesId })
      .returning();
    if (!created) throw new Error('transaction row not written');
    const planned = await build(tx);
    if (!isBalanced(planned)) throw new Error('unbalanced transaction');
    const ids = await this.accountIds(tx, orgId, planned.map((p) => p.account));
    for (const { account, delta } of netChanges(planned)) {
      const id = ids.get(accountKey(account))!;
      const after = sql`${accounts.balance} + ${delta.toString()}::numeric`;
      const [row] = await tx
        .update(accounts)
        .set({ balance: after })
        .where(and(eq(accounts.id, id), sql`(${accounts.ownerType} = 'issuance' or ${after} >= 0)`, sql`abs(${after}) <= ${MAX_AMOUNT.toString()}::numeric`))
        .returning({ id: accounts.id });
      if (!row) throw await this.refusalOf(tx, id, delta);
    }
    await this.capsOrThrow(tx, [...supplyChanges(planned)].filter(([, delta]) => delta > 0n).map(([tokenId]) => tokenId));
    await tx.insert(postings).values(planned.map((p) => ({ orgId, transactionId: created.id, accountId: ids.get(accountKey(p.account))!, tokenId: p.account.tokenId, amount: p.amount.toString() })));
    const committed = { transaction: created, postings: await postingRowsOf(tx, [created.id]) };
    await recordEvent<TokenTransactionCommitted>(tx, 'token', EVENT_TYPES.tokenTransactionCommitted, orgId, toEvent(committed));
    await audit?.(tx);
    return committed;
  }

  /**
   * Why a balance could not change: a wallet would go below zero, or an account past the largest amount the
   * ledger holds (every balance, the issuance and redemption accounts included, stays within `MAX_AMOUNT`).
   */
  private async refusalOf(tx: Tx, accountId: string, delta: bigint): Promise<GraphQLError> {
    const [row] = await tx.select({ balance: accounts.balance }).from(accounts).where(eq(accounts.id, accountId));
    const after = BigInt(row?.balance ?? '0') + delta;
    if (after > MAX_AMOUNT || after < -MAX_AMOUNT) {
      return appError('BAD_USER_INPUT', `This would take a balance past the largest amount the ledger holds (${MAX_AMOUNT} minor units)`, { field: 'amount' });
    }
    return appError('INSUFFICIENT_BALANCE', 'There are not enough tokens in the wallet for this');
  }

  /** The first result of a key, replayed: its transaction is immutable, so reading it again is the same answer. */
  private async committedOrThrow(tx: Tx, transactionId: string): Promise<CommittedTransaction> {
    const [committed] = await withPostings(tx, await tx.select().from(transactions).where(eq(transactions.id, transactionId)));
    if (!committed) throw new Error('idempotency key without its transaction');
    return committed;
  }

  private async tokensOrThrow(tx: Tx, ids: string[]): Promise<void> {
    const found = await tx.select({ id: tokens.id }).from(tokens).where(inArray(tokens.id, ids));
    if (found.length !== ids.length) throw appError('NOT_FOUND', 'No such token in this organisation');
  }

  /** Creates missing accounts (in a stable order), then returns every account's id by its key. */
  private async accountIds(tx: Tx, orgId: string, refs: readonly AccountRef[]): Promise<Map<string, string>> {
    const unique = [...new Map(refs.map((r) => [accountKey(r), r])).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    await tx.insert(accounts).values(unique.map((r) => ({ orgId, tokenId: r.tokenId, ownerType: r.ownerType, ownerId: r.ownerId }))).onConflictDoNothing();
    const rows = await tx
      .select({ id: accounts.id, tokenId: accounts.tokenId, ownerType: accounts.ownerType, ownerId: accounts.ownerId })
      .from(accounts)
      .where(sql`(${accounts.tokenId}, ${accounts.ownerType}, coalesce(${accounts.ownerId}, '00000000-0000-0000-0000-000000000000'::uuid)) in (${sql.join(
        unique.map((r) => sql`(${r.tokenId}::uuid, ${r.ownerType}, ${r.ownerId ?? '00000000-0000-0000-0000-000000000000'}::uuid)`),
        sql`, `,
      )})`);
    const byKey = new Map(rows.map((r) => [accountKey({ tokenId: r.tokenId, ownerType: r.ownerType as AccountRef['ownerType'], ownerId: r.ownerId }), r.id]));
    for (const r of unique) if (!byKey.has(accountKey(r))) throw new Error(`account ${accountKey(r)} missing`);
    return byKey;
  }

  /**
   * Circulating supply (everything issued and not redeemed) may not exceed a capped token's maximum: checked for
   * every token a transaction puts more of in circulation, whatever its kind (an issuance, a batch, the reversal of
   * a redemption). The capped tokens' rows are locked first, in id order, so two transactions that grow one token's
   * supply through different accounts are checked one after the other, the second seeing what the first committed.
   */
  private async capsOrThrow(tx: Tx, tokenIds: string[]): Promise<void> {
    if (tokenIds.length === 0) return;
    const capped = await tx.select({ id: tokens.id }).from(tokens).where(and(inArray(tokens.id, tokenIds), isNotNull(tokens.maxSupply))).orderBy(tokens.id).for('update');
    if (capped.length === 0) return;
    const rows = await tx.execute(sql`
      select t.id, t.max_supply::text as max, coalesce(-sum(a.balance) filter (where a.owner_type <> 'member'), 0)::text as circulating
      from token.tokens t left join token.accounts a on a.token_id = t.id
      where t.id in ${sql`(${sql.join(capped.map((c) => sql`${c.id}::uuid`), sql`, `)})`}
      group by t.id`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { max: string; circulating: string }[];
    if (list.some((r) => BigInt(r.circulating) > BigInt(r.max))) throw appError('SUPPLY_CAP_EXCEEDED', 'This would put more in circulation than the token’s maximum supply');
  }
}

export function toEvent(c: CommittedTransaction): TokenTransactionCommitted {
  return {
    transactionId: c.transaction.id,
    orgId: c.transaction.orgId,
    kind: c.transaction.kind as TransactionKind,
    reversesId: c.transaction.reversesId,
    memo: c.transaction.memo,
    createdAt: c.transaction.createdAt.toISOString(),
    postings: c.postings.map((p) => ({ accountId: p.accountId, tokenId: p.tokenId, ownerType: p.ownerType as AccountRef['ownerType'], ownerId: p.ownerId, amount: p.amount })),
  };
}
