import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, type GraphQLSchema } from 'graphql';
import type { Principal, Scope } from '@etika/schema';
import { stripSecurityLinks } from '../src/authorization/requirements-index.ts';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes", "@shareable"])\n';

/** Content: public and restricted fields, an interface whose implementers differ, type-level directives. */
const CONTENT = `${LINK}
type Query {
  publicInfo: String
  me: User @authenticated
  org: Org
  nodes: [Node!]!
  search: [SearchResult!]!
  level: Level
  strictLevel: Level @requiresScopes(scopes: [["org:read"]])
  serverTime: Instant
}
interface Node { id: ID! label: String }
type Article implements Node @key(fields: "id") { id: ID! label: String body: String }
type Memo implements Node @key(fields: "id") { id: ID! label: String @requiresScopes(scopes: [["audit:read"]]) text: String }
type Vault @key(fields: "id") @authenticated { id: ID! content: String }
union SearchResult = Article | Vault
type Org @key(fields: "id") {
  id: ID!
  name: String
  audit: String @requiresScopes(scopes: [["members:read", "audit:read"], ["org:manage"]])
}
enum Level @requiresScopes(scopes: [["analytics:read"]]) { LOW HIGH }
scalar Instant @authenticated
type User @key(fields: "id") {
  id: ID!
  name: String
  email: String @requiresScopes(scopes: [["members:read"]])
}
`;

/** Billing: extends User with a list whose items are restricted. */
const BILLING = `${LINK}
type Query { invoiceCount: Int }
type User @key(fields: "id") { id: ID! invoices(status: String): [Invoice!]! }
type Invoice { id: ID! amount: Int @requiresScopes(scopes: [["payment:read"]]) status: String }
`;

/** Org: a second view of Org, requiring a scope that AND-s with the type's other requirements. */
const ORGS = `${LINK}
type Org @key(fields: "id") { id: ID! budget: Int @requiresScopes(scopes: [["payment:read"]]) @authenticated }
`;

export function composeFixture(): string {
  const result = composeServices([
    { name: 'content', url: 'http://content', typeDefs: parse(CONTENT) },
    { name: 'billing', url: 'http://billing', typeDefs: parse(BILLING) },
    { name: 'orgs', url: 'http://orgs', typeDefs: parse(ORGS) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export const supergraphSdl = composeFixture();

/** The API schema the gateway plans against; built from the stripped SDL, which @apollo/gateway also needs. */
export const apiSchema: GraphQLSchema = Supergraph.build(stripSecurityLinks(supergraphSdl)).apiSchema().toGraphQLJSSchema();

export const anonymous: Principal = { kind: 'anonymous' };

export function user(...scopes: Scope[]): Principal {
  return { kind: 'user', userId: 'u1', sessionId: 's1', orgId: 'o1', role: 'member', scopes, epoch: 0, issuedAt: 0 };
}
