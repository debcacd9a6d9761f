import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { OrganizationTokensResolver, TokenResolver, WalletResolver, organizationReference, tokenReference, userReference } from './token/token.resolver.ts';
import { OrganizationRef, Token, UserRef } from './token/token.type.ts';
import { PostingResolver, TransactionResolver, transactionReference } from './transaction/transaction.resolver.ts';
import { TokenTransaction } from './transaction/transaction.type.ts';

export function buildTokenSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [TokenResolver, WalletResolver, OrganizationTokensResolver, TransactionResolver, PostingResolver],
    orphanedTypes: [Token, TokenTransaction, UserRef, OrganizationRef],
    references: { Token: tokenReference, TokenTransaction: transactionReference, User: userReference, Organization: organizationReference },
  });
}
