import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CostEstimator, readCostDirectives } from './cost.ts';

const SDL = `
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
type Query {
  me: User
  users(first: Int = 5): [User!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
  page: Page! @listSize(assumedSize: 50, sizedFields: ["nodes"])
  tags: [String!]!
  proof(size: Int! @cost(weight: 3)): Proof @cost(weight: 7)
  plain: [User!]!
}
type Mutation { rename(name: String!): User  expensive: Boolean @cost(weight: 40) }
type User { id: ID! name: String friends: [User!]! @listSize(assumedSize: 10) }
type Page { nodes: [User!]! cursor: String }
type Proof @cost(weight: 2) { hashes: [String!]! }
`;
const schema = buildSchema(SDL);
const estimator = new CostEstimator(schema, readCostDirectives(SDL));
const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return estimator.estimate(document, document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!, variables);
};

describe('CostEstimator', () => {
  it('objects weigh 1, scalars 0', () => {
    expect(cost('{ me { id name } }')).toBe(1);
    expect(cost('{ tags }')).toBe(0);
  });

  it('a list multiplies its elements by @listSize: assumed size, slicing argument, variable, default', () => {
    expect(cost('{ me { friends { id } } }')).toBe(1 + 10);
    expect(cost('{ users(first: 3) { id } }')).toBe(3);
    expect(cost('query($n: Int) { users(first: $n) { friends { id } } }', { n: 2 })).toBe(2 * (1 + 10));
    expect(cost('{ users { id } }')).toBe(5);
    expect(cost('{ plain { id } }')).toBe(10);
  });

  it('sizedFields put the size on the child list (a connection)', () => {
    expect(cost('{ page { cursor nodes { id } } }')).toBe(1 + 50);
  });

  it('@cost on fields, arguments and types', () => {
    expect(cost('{ proof(size: 4) { hashes } }')).toBe(7 + 3);
    expect(cost('mutation { expensive }')).toBe(40);
  });

  it('a mutation root field weighs 10 unless it says otherwise', () => {
    expect(cost('mutation { rename(name: "x") { id } }')).toBe(10);
  });

  it('expands fragments, named and inline', () => {
    expect(cost('query { me { ...F } } fragment F on User { friends { ... on User { friends { id } } } }')).toBe(1 + 10 * (1 + 10));
  });
});

describe('CostEstimator, estimates kept per operation', () => {
  const counting = () => {
    const lookups: boolean[] = [];
    const cached = new CostEstimator(schema, readCostDirectives(SDL), undefined, 100, (hit) => lookups.push(hit));
    const estimate = (document: ReturnType<typeof parse>, variables: Record<string, unknown> = {}) =>
      cached.estimate(document, document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!, variables);
    return { lookups, estimate };
  };

  it('keys an operation by the values of its slicing variables only: a kept estimate never hides a larger one', () => {
    const { lookups, estimate } = counting();
    const document = parse('query($n: Int, $name: String) { users(first: $n) { name } me { name } }');
    expect(estimate(document, { n: 2, name: 'a' })).toBe(2 + 1);
    expect(estimate(document, { n: 2, name: 'b' })).toBe(2 + 1);
    expect(estimate(document, { n: 500, name: 'a' })).toBe(500 + 1);
    expect(estimate(document, { n: 2, name: 'c' })).toBe(2 + 1);
    expect(estimate(document, { n: 500 })).toBe(500 + 1);
    expect(lookups).toEqual([false, true, false, true, true]);
  });

  it('an operation without slicing variables is estimated once, whatever its variables', () => {
    const { lookups, estimate } = counting();
    const document = parse('query($id: ID) { me { friends { id } } users(first: 3) { id } }');
    expect(estimate(document, { id: '1' })).toBe(1 + 10 + 3);
    expect(estimate(document, { id: '2' })).toBe(1 + 10 + 3);
    expect(lookups).toEqual([false, true]);
  });

  it("a slicing variable left out takes the operation's default for it", () => {
    const { estimate } = counting();
    const document = parse('query($n: Int = 40) { users(first: $n) { id } }');
    expect(estimate(document)).toBe(40);
    expect(estimate(document, { n: 4 })).toBe(4);
    expect(estimate(document)).toBe(40);
    // an explicit null overrides the operation's default and gives no size: the list default (10)
    expect(estimate(document, { n: null })).toBe(10);
  });

  it('stays bounded: the oldest estimates are dropped, and estimated again when asked', () => {
    const { lookups, estimate } = counting();
    const document = parse('query($n: Int) { users(first: $n) { id } }');
    for (let n = 0; n < 150; n++) expect(estimate(document, { n })).toBe(n);
    expect(estimate(document, { n: 0 })).toBe(0);
    expect(lookups.at(-1)).toBe(false);
    expect(estimate(document, { n: 149 })).toBe(149);
    expect(lookups.at(-1)).toBe(true);
  });
});
