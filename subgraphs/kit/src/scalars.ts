import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { isSpecifiedScalarType, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { resolvers as scalarImplementations } from 'graphql-scalars';

/**
 * The schema with a real implementation for each of its custom scalars (`SafeInt`, `DateTimeISO`…), from
 * graphql-scalars, the ones the subgraphs declare them with. A schema built from SDL (the gateway's API schema)
 * has its scalars accept any value; with these, validation and variable coercion refuse a bad value before any
 * subgraph sees it. A scalar without an implementation is refused at start-up, so no new one can slip through.
 */
export function withScalarImplementations(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.SCALAR_TYPE]: (type: GraphQLScalarType) => {
      if (isSpecifiedScalarType(type)) return type;
      const implementation = scalarImplementations[type.name];
      if (!implementation) throw new Error(`The scalar ${type.name} has no implementation; add one from graphql-scalars or write it`);
      return implementation;
    },
  });
}
