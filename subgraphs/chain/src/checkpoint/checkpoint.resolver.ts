import { GraphQLSafeInt } from 'graphql-scalars';
import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requestLoader } from '@etika/kit';
import type { ChainContext } from '../context.ts';
import type { CheckpointRow } from '../log/log.service.ts';
import { Checkpoint, ConsistencyProof, InclusionProof, TokenTransactionRef } from './checkpoint.type.ts';

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return { treeSize: row.size, rootHash: Buffer.from(row.rootHash).toString('base64'), note: row.note, createdAt: row.createdAt };
}

@Resolver(() => Checkpoint)
export class CheckpointResolver {
  @Query(() => Checkpoint, { nullable: true, description: 'The newest signed checkpoint; null before the first transaction.' })
  async latestCheckpoint(@Ctx() ctx: ChainContext): Promise<Checkpoint | null> {
    const row = await ctx.log.latest();
    return row ? toCheckpoint(row) : null;
  }

  @Query(() => [Checkpoint], { description: 'Signed checkpoints, newest first.' })
  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  async checkpoints(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many checkpoints, newest first (at most 100).' }) first: number,
    @Arg('before', () => GraphQLSafeInt, { nullable: true, description: 'Only checkpoints smaller than this size.' }) before: number | null,
    @Ctx() ctx: ChainContext,
  ): Promise<Checkpoint[]> {
    return (await ctx.log.history(first, before ?? null)).map(toCheckpoint);
  }

  @Query(() => ConsistencyProof, { description: 'Proof that the tree of size2 extends the tree of size1.' })
  @Directive('@cost(weight: 5)')
  async consistencyProof(
    @Arg('size1', () => GraphQLSafeInt, { description: 'The size of a checkpoint the verifier already trusts.' }) size1: number,
    @Arg('size2', () => GraphQLSafeInt, { description: 'A later size, at most the size of the log.' }) size2: number,
    @Ctx() ctx: ChainContext,
  ): Promise<ConsistencyProof> {
    return { size1, size2, hashes: await ctx.log.consistency(size1, size2) };
  }

  @Query(() => String, { description: 'The checkpoint verifier key: <name>+<key id>+<base64 Ed25519 key>.' })
  chainPublicKey(@Ctx() ctx: ChainContext): string {
    return ctx.log.verifierKey;
  }

  @Mutation(() => Checkpoint, { nullable: true, description: 'Signs a checkpoint of the log now (it also happens every few seconds).' })
  @Directive('@requiresScopes(scopes: [["audit:read"], ["token:issue"]])')
  async publishCheckpoint(@Ctx() ctx: ChainContext): Promise<Checkpoint | null> {
    const row = await ctx.log.checkpoint();
    return row ? toCheckpoint(row) : null;
  }
}

@Resolver(() => TokenTransactionRef)
export class InclusionResolver {
  @FieldResolver(() => InclusionProof, { nullable: true, description: 'Null until a signed checkpoint covers the transaction.' })
  @Directive('@cost(weight: 5)')
  @Directive('@requiresScopes(scopes: [["chain:read"]])')
  async inclusionProof(@Root() transaction: TokenTransactionRef, @Ctx() ctx: ChainContext): Promise<InclusionProof | null> {
    const proof = await requestLoader(ctx, 'inclusion', (ids) => ctx.log.inclusion(ctx.principal, ids)).load(transaction.id);
    return proof ? { ...proof, checkpoint: toCheckpoint(proof.checkpoint) } : null;
  }
}

export const transactionReference = { __resolveReference: (ref: { id: string }): TokenTransactionRef => ({ id: ref.id }) };
export const checkpointReference = {
  __resolveReference: async (ref: { treeSize: number }, ctx: ChainContext) => {
    const [row] = await ctx.log.history(1, ref.treeSize + 1);
    return row && row.size === ref.treeSize ? toCheckpoint(row) : null;
  },
};
