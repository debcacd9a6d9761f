import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { CheckpointResolver, InclusionResolver, checkpointReference, transactionReference } from './checkpoint/checkpoint.resolver.ts';
import { Checkpoint, TokenTransactionRef } from './checkpoint/checkpoint.type.ts';

/** Anyone may read checkpoints and consistency proofs: that is what makes the log verifiable by outsiders. */
export const PUBLIC_ROOT_FIELDS = ['latestCheckpoint', 'checkpoints', 'consistencyProof', 'chainPublicKey'] as const;

export function buildChainSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CheckpointResolver, InclusionResolver],
    orphanedTypes: [Checkpoint, TokenTransactionRef],
    references: { Checkpoint: checkpointReference, TokenTransaction: transactionReference },
    publicRootFields: PUBLIC_ROOT_FIELDS,
  });
}
