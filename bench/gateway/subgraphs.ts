/**
 * The benchmark's four federation-2 subgraphs (accounts, products, inventory, reviews) on one port, each at its own
 * path, as upstream serves them. Each parses and validates a document once, and counts the fetches it serves
 * (`GET /stats`, `POST /reset`).
 */
import { createServer } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { AUTHOR, AUTHOR_REVIEWS, IN_STOCK, PRODUCTS, REVIEWS, USERS, shippingEstimate } from './data.ts';

const LINK = (imports: string[]) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ${JSON.stringify(imports)})\n`;
type Ref = Record<string, unknown>;

export const SUBGRAPHS: Record<string, { typeDefs: string; resolvers: Record<string, Record<string, unknown>> }> = {
  accounts: {
    typeDefs: `${LINK(['@key', '@shareable'])}
      type Query { me: User user(id: ID!): User users: [User] }
      type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }`,
    resolvers: {
      Query: { me: () => USERS[0], user: (_: unknown, { id }: { id: string }) => USERS.find((u) => u.id === id), users: () => USERS },
      User: { __resolveReference: (ref: Ref) => USERS.find((u) => u.id === ref['id']) },
    },
  },
  products: {
    typeDefs: `${LINK(['@key'])}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: (ref: Ref) => PRODUCTS.find((p) => p.upc === ref['upc']) },
    },
  },
  inventory: {
    typeDefs: `${LINK(['@key', '@external', '@requires'])}
      type Product @key(fields: "upc") { upc: String! weight: Int @external price: Int @external inStock: Boolean shippingEstimate: Int @requires(fields: "price weight") }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: Ref) => ({ ...ref, inStock: IN_STOCK[ref['upc'] as string] ?? null }),
        shippingEstimate: (p: { price?: number | null; weight?: number | null }) => shippingEstimate(p.price ?? null, p.weight ?? null),
      },
    },
  },
  reviews: {
    typeDefs: `${LINK(['@key', '@external', '@provides'])}
      type Review @key(fields: "id") { id: ID! body: String product: Product author: User @provides(fields: "username") }
      type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
      type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
    resolvers: {
      Review: {
        __resolveReference: (ref: Ref) => REVIEWS.find((r) => r.id === ref['id']),
        product: (r: { upc: string }) => ({ upc: r.upc }),
        author: () => ({ ...AUTHOR, reviews: AUTHOR_REVIEWS }),
      },
      User: { __resolveReference: (ref: Ref) => ({ id: ref['id'], username: 'user', reviews: AUTHOR_REVIEWS }) },
      Product: { __resolveReference: (ref: Ref) => ({ upc: ref['upc'] }), reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.upc === p.upc) },
    },
  },
};

export function serveSubgraphs(port: number): void {
  const schemas = new Map<string, GraphQLSchema>(
    Object.entries(SUBGRAPHS).map(([name, s]) => [`/${name}`, buildSubgraphSchema({ typeDefs: parse(s.typeDefs), resolvers: s.resolvers as never })]),
  );
  const documents = new Map<string, DocumentNode>();
  const counts: Record<string, number> = Object.fromEntries(Object.keys(SUBGRAPHS).map((n) => [n, 0]));
  const server = createServer((req, res) => {
    if (req.url === '/stats') return res.end(JSON.stringify(counts));
    if (req.url === '/reset') {
      for (const name of Object.keys(counts)) counts[name] = 0;
      return res.end('{}');
    }
    const schema = schemas.get(req.url ?? '');
    if (!schema) {
      res.statusCode = 404;
      return res.end();
    }
    counts[req.url!.slice(1)]! += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as { query: string; variables?: Record<string, unknown> };
      const key = `${req.url}\n${query}`;
      let document = documents.get(key);
      if (!document) {
        document = parse(query);
        const errors = validate(schema, document);
        if (errors.length) {
          res.writeHead(400, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ errors }));
        }
        documents.set(key, document);
      }
      const result = await execute({ schema, document, variableValues: variables ?? null });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
}
