import { sql } from 'drizzle-orm';
import type { GraphQLError } from 'graphql';
import { RIGHTS_MEMORY_SECONDS, appError, idempotencyKeyOrThrow, personOrThrow, queryRows, requestFingerprint, retryingTransaction, uuidOrThrow, type AuditContext, type Db } from '@etika/kit';
import { principalActor, type Principal, type TokenTransactionCommitted, type TransactionKind } from '@etika/schema';
import { MAX_AMOUNT, parseAmountOrThrow } from './amount.ts';
import type { CommittedTransaction } from '../transaction/transaction.service.ts';
import { rememberMemberships, type LearnedMembership, type MemberDirectory } from './members.client.ts';
import { GroupCommit, type ItemOutcome } from './group-commit.ts';
import { isBalanced, postingsOf, type AccountRef, type Leg, type Posting } from './postings.ts';

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

/** What a ledger transaction needs written: its postings (null for a reversal, which mirrors the original's). */
interface Plan {
  readonly postings: readonly Posting[] | null;
  /** Tokens that must exist in the organisation. */
  readonly tokenIds: readonly string[];
  /** People who receive, who must be members (none for a reversal: it returns tokens where they were). */
  readonly recipients: Recipients | null;
}

interface Recipients {
  readonly ids: readonly string[];
  /** Each one's membership epoch, read before the statement (and before org is asked). */
  readonly epochs: readonly number[];
  readonly principalToken: string;
  /** The input field naming this recipient, for the refusal. */
  fieldOf(userId: string): string;
}

/**
 * The success record of the mutation a ledger transaction ends, written with it (as `auditInTransaction` does);
 * `recorded` tells the audit plugin it is written, once the transaction committed.
 */
export interface LedgerAudit {
  readonly operation: string;
  readonly requestId: string;
  recorded(): void;
}

export function ledgerAudit(ctx: AuditContext, operation: string): LedgerAudit {
  return { operation, requestId: ctx.requestId, recorded: () => ctx.audited.add(operation) };
}

/** The Postgres error behind a drizzle error: a broken check or unique constraint means the rule it guards. */
function pgError(err: unknown): { code?: string; message?: string; detail?: string } {
  type PgError = { code?: string; message?: string; detail?: string };
  return (err as { cause?: PgError }).cause ?? (err as PgError);
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

  private readonly group = new GroupCommit<CommitItem, CommitAnswer>((items) => this.commitBatch(items));

  /** Validates and turns the request into legs; a member can only give from their own account. */
  private legsOrThrow(principal: Principal, userId: string | null, input: readonly LegInput[]): Leg[] {
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
      legs.push({ kind: leg.kind, tokenId, amount, from: needsGiver ? userId : null, to });
    }
    return legs;
  }

  /** The recipients of these legs, each with its membership epoch now (read before org is asked, if it must be). */
  private async recipientsOf(orgId: string, principalToken: string, legs: readonly Leg[]): Promise<Recipients> {
    const ids = [...new Set(legs.flatMap((l) => (l.to ? [l.to] : [])))];
    const epochs = await Promise.all(ids.map((id) => this.members.epochOf(id, orgId)));
    return {
      ids,
      epochs,
      principalToken,
      fieldOf: (userId) => `legs.${legs.findIndex((l) => l.to === userId)}.toUserId`,
    };
  }

  /** `audit` is written in the statement that commits the transaction, so the audit row commits with it. */
  async submit(principal: Principal, principalToken: string, submission: Submission, audit?: LedgerAudit): Promise<CommittedTransaction> {
    const { orgId, userId, actor } = actorOf(principal);
    const idempotencyKey = idempotencyKeyOrThrow(submission.idempotencyKey);
    const memo = submission.memo?.trim() || null;
    if (memo && memo.length > MAX_MEMO) throw appError('BAD_USER_INPUT', `A memo has at most ${MAX_MEMO} characters`, { field: 'memo' });
    const legs = this.legsOrThrow(principal, userId, submission.legs);
    const request = { kind: submission.kind, actor, memo, legs: legs.map((l) => ({ ...l, amount: l.amount.toString() })) };
    const planned = legs.flatMap(postingsOf);
    if (!isBalanced(planned)) throw new Error('unbalanced transaction');
    const plan = { postings: planned, tokenIds: [...new Set(legs.map((l) => l.tokenId))], recipients: await this.recipientsOf(orgId, principalToken, legs) };
    return this.commit(orgId, userId, { kind: submission.kind, idempotencyKey, request, actor, memo, reversesId: null }, plan, audit);
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
    // the database reads the original's postings and writes their mirror image (`reversalOf`), under the same locks
    return this.commit(orgId, userId, { kind: 'reversal', idempotencyKey: key, request, actor, memo: null, reversesId: id }, { postings: null, tokenIds: [], recipients: null });
  }

  /**
   * One ledger transaction in one statement (`token.commit_transaction`, migration 0004), outside any explicit
   * transaction: PostgreSQL runs the statement as its own transaction, so the tenant scope, the key's claim, the
   * balances, the postings, the outbox event and the audit row commit together, or none of them does. Transactions
   * submitted while earlier ones are being written share the next statement (`token.commit_batch`, migration 0007),
   * each in a subtransaction of its own. A retry of the same key waits for the first on the key's row and replays
   * its answer. A serialization failure or deadlock runs the transaction again (`retryingTransaction`).
   */
  private async commit(orgId: string, userId: string | null, header: Header, plan: Plan, audit?: LedgerAudit): Promise<CommittedTransaction> {
    const item: Omit<CommitItem, 'recipients' | 'epochs'> = {
      org: orgId,
      user: userId,
      key: header.idempotencyKey,
      hash: requestFingerprint(header.request),
      kind: header.kind,
      actor: header.actor,
      memo: header.memo,
      reverses: header.reversesId,
      postings: plan.postings && plan.postings.map((p) => ({ t: p.account.tokenId, o: p.account.ownerType, w: p.account.ownerId, a: p.amount.toString() })),
      tokens: `{${plan.tokenIds.join(',')}}`,
      audit: audit ? { operation: audit.operation, requestId: audit.requestId } : null,
      maxAge: RIGHTS_MEMORY_SECONDS,
    };
    // recipients still to check in the database: those org has just confirmed are members need no second look
    let unchecked = plan.recipients?.ids ?? [];
    let answer: CommitAnswer | undefined;
    while (!answer) {
      const epochs = unchecked.map((id) => plan.recipients!.epochs[plan.recipients!.ids.indexOf(id)] ?? 0);
      const recipients = `{${unchecked.join(',')}}`;
      try {
        answer = await retryingTransaction(() => this.group.submit({ ...item, recipients, epochs: `{${epochs.join(',')}}` }));
      } catch (err) {
        const cause = pgError(err);
        const ids = cause.detail?.split(',') ?? [];
        if (!plan.recipients || (cause.code !== 'ETK07' && cause.code !== 'ETK08')) throw refusalOf(err);
        if (cause.code === 'ETK08') throw strangerError(plan.recipients, ids);
        // recipients token does not know, or knows under an older epoch: org is asked (under the epochs read before),
        // its answers kept for the next transfers, and the statement runs again without those org confirmed
        const learned = await this.learn(orgId, plan.recipients, ids);
        const strangers = learned.filter((l) => !l.member).map((l) => l.userId);
        if (strangers.length > 0) throw strangerError(plan.recipients, strangers);
        unchecked = unchecked.filter((id) => !ids.includes(id));
      }
    }
    if (!answer.replayed) {
      audit?.recorded();
      this.onCommit();
    }
    return committedOf(answer);
  }

  /** One statement for a batch: each item's answer, or its own refusal. */
  private async commitBatch(items: readonly CommitItem[]): Promise<readonly ItemOutcome<CommitAnswer>[]> {
    const [row] = await queryRows<{ results: ItemOutcome<CommitAnswer>[] | string }>(this.db, sql`select token.commit_batch(${JSON.stringify(items)}::jsonb) as results`);
    return typeof row!.results === 'string' ? (JSON.parse(row!.results) as ItemOutcome<CommitAnswer>[]) : row!.results;
  }

  private async learn(orgId: string, recipients: Recipients, ids: readonly string[]): Promise<LearnedMembership[]> {
    const learned = await Promise.all(
      ids.map(async (userId) => {
        const epoch = recipients.epochs[recipients.ids.indexOf(userId)] ?? 0;
        return { userId, member: await this.members.ask(userId, recipients.principalToken, epoch), epoch };
      }),
    );
    await rememberMemberships(this.db, orgId, learned);
    return learned;
  }
}

/** The first leg's recipient among these strangers names the field. */
function strangerError(recipients: Recipients, strangers: readonly string[]): GraphQLError {
  const first = recipients.ids.find((id) => strangers.includes(id)) ?? strangers[0]!;
  return appError('NOT_FOUND', 'The recipient is not a member of this organisation', { field: recipients.fieldOf(first) });
}

/** One ledger transaction as `token.commit_batch` takes it: `commit_transaction`'s and `recipients_known`'s arguments. */
interface CommitItem {
  readonly org: string;
  readonly user: string | null;
  readonly key: string;
  readonly hash: string;
  readonly kind: TransactionKind;
  readonly actor: string;
  readonly memo: string | null;
  readonly reverses: string | null;
  /** Null for a reversal, whose postings the database mirrors from the original's. */
  readonly postings: readonly { t: string; o: string; w: string | null; a: string }[] | null;
  /** Array literals (`{…}`), as the function's uuid[] and bigint[] arguments read them. */
  readonly tokens: string;
  readonly recipients: string;
  readonly epochs: string;
  readonly audit: { operation: string; requestId: string } | null;
  readonly maxAge: number;
}

/** What `token.commit_transaction` answers: the transaction as the API shows it, and whether it was a replay. */
interface CommitAnswer {
  readonly replayed: boolean;
  readonly transaction: Omit<CommittedTransaction['transaction'], 'createdAt'> & { createdAt: string };
  readonly postings: CommittedTransaction['postings'];
}

function committedOf(answer: CommitAnswer): CommittedTransaction {
  return { transaction: { ...answer.transaction, createdAt: new Date(answer.transaction.createdAt) }, postings: answer.postings };
}

/** The refusals `token.commit_transaction` raises (SQLSTATE class ETK), and the constraints that back them. */
const REFUSALS: Record<string, () => GraphQLError> = {
  ETK01: () => appError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used for a different request'),
  ETK02: () => appError('NOT_FOUND', 'No such token in this organisation'),
  ETK03: () => appError('INSUFFICIENT_BALANCE', 'There are not enough tokens in the wallet for this'),
  ETK04: () => appError('BAD_USER_INPUT', `This would take a balance past the largest amount the ledger holds (${MAX_AMOUNT} minor units)`, { field: 'amount' }),
  ETK05: () => appError('SUPPLY_CAP_EXCEEDED', 'This would put more in circulation than the token’s maximum supply'),
  ETK06: () => appError('NOT_FOUND', 'No such transaction'),
  '23514': () => appError('INSUFFICIENT_BALANCE', 'There are not enough tokens in the wallet for this'),
};

function refusalOf(err: unknown): unknown {
  const cause = pgError(err);
  const refusal = cause.code ? REFUSALS[cause.code] : undefined;
  if (refusal) return refusal();
  // one reversal per transaction: the unique index on reverses_id decides, also under concurrency
  if (cause.code === '23505' && cause.message?.includes('reverses_id')) return appError('CONFLICT', 'That transaction was already reversed');
  return err;
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
