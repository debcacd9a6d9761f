import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appError, requestLoader } from '@etika/kit';
import type { TokenContext } from '../context.ts';
import { ledgerAudit, type LegInput } from '../ledger/ledger.service.ts';
import { submitEach } from '../ledger/movements.ts';
import { MovementResult, MovementsInput } from './movements.type.ts';
import { tokenLoader } from '../token/token.resolver.ts';
import { Token } from '../token/token.type.ts';
import type { CommittedTransaction } from './transaction.service.ts';
import { AccountOwner, BatchInput, HistoryInput, MovementInput, Posting, TokenTransaction, TransactionKind, TransactionPage } from './transaction.type.ts';

type PostingModel = Posting & { tokenId: string };

function toTransaction(c: CommittedTransaction): TokenTransaction {
  return {
    id: c.transaction.id,
    kind: c.transaction.kind as TransactionKind,
    memo: c.transaction.memo,
    reversesId: c.transaction.reversesId,
    createdAt: c.transaction.createdAt,
    postings: c.postings.map((p) => ({
      accountId: p.accountId,
      tokenId: p.tokenId,
      ownerType: p.ownerType as AccountOwner,
      owner: p.ownerId ? { id: p.ownerId } : null,
      amount: p.amount,
    })) as PostingModel[],
  };
}

export const transactionReference = {
  __resolveReference: (ref: { id: string }, ctx: TokenContext) =>
    requestLoader(ctx, 'transaction', async (ids) => (await ctx.transactions.byIds(ctx.principal, ids)).map((c) => (c ? toTransaction(c) : null))).load(ref.id),
};

function movement(kind: LegInput['kind'], operation: string, input: MovementInput, ctx: TokenContext) {
  return ctx.ledger.submit(
    ctx.principal,
    ctx.principalToken,
    { kind, idempotencyKey: input.idempotencyKey, memo: input.memo, legs: [{ kind, tokenId: input.tokenId, amount: input.amount, toUserId: input.toUserId }] },
    ledgerAudit(ctx, operation),
  );
}

async function page(ctx: TokenContext, input: HistoryInput, memberId: string | null): Promise<TransactionPage> {
  const result = await ctx.transactions.history(ctx.principal, input, memberId);
  return { nodes: result.items.map(toTransaction), endCursor: result.nextCursor, hasNextPage: result.nextCursor !== null };
}

@Resolver(() => Posting)
export class PostingResolver {
  @FieldResolver(() => Token)
  async token(@Root() posting: PostingModel, @Ctx() ctx: TokenContext): Promise<Token | null> {
    return tokenLoader(ctx).load(posting.tokenId);
  }
}

@Resolver(() => TokenTransaction)
export class TransactionResolver {
  @Query(() => TransactionPage, { description: 'Your transactions, newest first.' })
  @Directive('@listSize(assumedSize: 100, sizedFields: ["nodes"])')
  @Directive('@requiresScopes(scopes: [["token:read"]])')
  async myTransactions(@Arg('input', () => HistoryInput) input: HistoryInput, @Ctx() ctx: TokenContext): Promise<TransactionPage> {
    if (ctx.principal.kind !== 'user') throw appError('FORBIDDEN', 'Only people have a wallet');
    return page(ctx, input, ctx.principal.userId);
  }

  @Query(() => TransactionPage, { description: "The organisation's transactions, newest first, with the members in them and their memos." })
  @Directive('@listSize(assumedSize: 100, sizedFields: ["nodes"])')
  @Directive('@requiresScopes(scopes: [["ledger:read"]])')
  async organizationTransactions(@Arg('input', () => HistoryInput, { description: 'Which transactions, and which page.' }) input: HistoryInput, @Ctx() ctx: TokenContext): Promise<TransactionPage> {
    return page(ctx, input, null);
  }

  @Mutation(() => TokenTransaction, { description: 'Mints tokens to a member.' })
  @Directive('@requiresScopes(scopes: [["token:issue"]])')
  async issueTokens(@Arg('input', () => MovementInput, { description: 'The token, the amount, the receiving member and the idempotency key.' }) input: MovementInput, @Ctx() ctx: TokenContext): Promise<TokenTransaction> {
    return toTransaction(await movement('issue', 'issueTokens', input, ctx));
  }

  @Mutation(() => TokenTransaction, { description: 'Sends tokens from your wallet to another member.' })
  @Directive('@requiresScopes(scopes: [["token:transfer"]])')
  async transferTokens(@Arg('input', () => MovementInput) input: MovementInput, @Ctx() ctx: TokenContext): Promise<TokenTransaction> {
    return toTransaction(await movement('transfer', 'transferTokens', input, ctx));
  }

  @Mutation(() => TokenTransaction, { description: 'Gives tokens back to the organisation; they leave circulation.' })
  @Directive('@requiresScopes(scopes: [["token:redeem"]])')
  async redeemTokens(@Arg('input', () => MovementInput) input: MovementInput, @Ctx() ctx: TokenContext): Promise<TokenTransaction> {
    return toTransaction(await movement('redeem', 'redeemTokens', input, ctx));
  }

  @Mutation(() => TokenTransaction, { description: 'Several movements, all or nothing; each leg needs its own scope.' })
  @Directive('@requiresScopes(scopes: [["token:issue"], ["token:transfer"], ["token:redeem"]])')
  async submitBatch(@Arg('input', () => BatchInput, { description: 'The legs, applied together or not at all, under one idempotency key.' }) input: BatchInput, @Ctx() ctx: TokenContext): Promise<TokenTransaction> {
    return toTransaction(
      await ctx.ledger.submit(
        ctx.principal,
        ctx.principalToken,
        { kind: 'batch', idempotencyKey: input.idempotencyKey, memo: input.memo, legs: input.legs },
        ledgerAudit(ctx, 'submitBatch'),
      ),
    );
  }

  @Mutation(() => [MovementResult], { description: 'Many independent movements for partners: each with its own idempotency key and its own result, in the order given.' })
  @Directive('@listSize(assumedSize: 100)')
  @Directive('@requiresScopes(scopes: [["token:issue"], ["token:transfer"], ["token:redeem"]])')
  async submitMovements(@Arg('input', () => MovementsInput, { description: 'The movements, each committed or refused on its own.' }) input: MovementsInput, @Ctx() ctx: TokenContext): Promise<MovementResult[]> {
    const outcomes = await submitEach(ctx.ledger, ctx.principal, ctx.principalToken, input.movements);
    return outcomes.map((o) => ({ idempotencyKey: o.idempotencyKey, transaction: o.committed ? toTransaction(o.committed) : null, refusal: o.refusal }));
  }

  @Mutation(() => TokenTransaction, { description: 'Undoes a transaction with its mirror image; a right of owners and admins, never of an API key.' })
  @Directive('@requiresScopes(scopes: [["token:reverse"]])')
  async reverseTransaction(
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: TokenContext,
  ): Promise<TokenTransaction> {
    return toTransaction(await ctx.ledger.reverse(ctx.principal, transactionId, idempotencyKey));
  }
}
