import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { ItemResolver, itemReference } from './item/item.resolver.ts';
import { __Name__Item } from './item/item.type.ts';

export function build__Name__Schema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ItemResolver],
    orphanedTypes: [__Name__Item],
    references: { __Name__Item: itemReference },
  });
}
