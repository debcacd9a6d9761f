import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { CHAIN_PUBLIC_ROOT_FIELDS, CheckpointResolver, InclusionResolver, checkpointReference, transactionReference } from './checkpoint/checkpoint.resolver.ts';
import { Checkpoint, TokenTransactionRef } from './checkpoint/checkpoint.type.ts';

export function buildChainSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CheckpointResolver, InclusionResolver],
    orphanedTypes: [Checkpoint, TokenTransactionRef],
    references: { Checkpoint: checkpointReference, TokenTransaction: transactionReference },
    publicRootFields: CHAIN_PUBLIC_ROOT_FIELDS,
  });
}
