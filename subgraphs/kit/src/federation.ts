import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { subgraphShield } from './shield.ts';
import { textArgumentsMiddleware } from './text.ts';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@authenticated", "@requiresScopes", "@inaccessible", "@cost", "@listSize"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (ref: never, ctx: never) => unknown }>;

export interface FederatedSchemaOptions {
  /** type-graphql resolver classes. */
  readonly resolvers: NonEmptyArray<Function>;
  readonly orphanedTypes?: Function[];
  /** `__resolveReference` for each entity this subgraph resolves by key. */
  readonly references?: ReferenceResolvers;
  /** Root fields callable without any directive (sign-up, sign-in). Every other root field is denied by default. */
  readonly publicRootFields?: readonly string[];
  /**
   * Arguments and input fields that hold secrets nobody else reads (`CredentialsInput.password`): they may contain
   * invisible characters. Every other String and ID argument follows the kit's text rule (`textOrThrow`).
   */
  readonly secretArguments?: readonly string[];
}

/**
 * type-graphql classes → a federation v2 subgraph schema with graphql-shield enforcing the schema's own
 * `@authenticated` / `@requiresScopes` directives on every resolver, denying by default, and every String and ID
 * argument checked against the text rule before any resolver sees it.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const typeSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}`);
  const map = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    map[typeName] = { ...(map[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers: map });
  return applyMiddleware(subgraph, subgraphShield(subgraph, options.publicRootFields ?? []), textArgumentsMiddleware(options.secretArguments));
}
