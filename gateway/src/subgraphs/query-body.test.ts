import { describe, expect, it } from 'vitest';
import { isQueryBody } from './subgraph-fetcher.ts';

const body = (query: string, first = true) =>
  first ? JSON.stringify({ query, variables: { a: 1 } }) : JSON.stringify({ variables: { a: 1 }, query });

describe('which engine fetches are queries (retried and shared) and which are mutations (never)', () => {
  it('reads a query from the opening words of the body the engine writes', () => {
    expect(isQueryBody(body('query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }'))).toBe(true);
    expect(isQueryBody(body('{ me { id } }'))).toBe(true);
  });

  it('never takes a mutation for a query, wherever its text starts or its key stands', () => {
    expect(isQueryBody(body('mutation M { bump }'))).toBe(false);
    expect(isQueryBody(body('mutation { bump }', false))).toBe(false);
    expect(isQueryBody(body('\n  mutation { bump }'))).toBe(false);
    expect(isQueryBody(body('queryX'))).toBe(false);
    expect(isQueryBody(body('subscription { s }'))).toBe(false);
  });

  it('parses what it cannot read from the opening words', () => {
    expect(isQueryBody(body('\n  query { me { id } }'))).toBe(true);
    expect(isQueryBody(body('{ me { id } }', false))).toBe(true);
  });
});
