import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, checkLimits } from './limits.ts';

const limits = { ...DEFAULT_LIMITS, maxDepth: 4, maxAliases: 2, maxFields: 10, maxRootFields: 3 };

describe('checkLimits', () => {
  it('accepts an ordinary operation', () => {
    expect(checkLimits(parse('{ me { id email } myOrganizations { id name } }'), limits)).toBeNull();
  });

  it('counts depth through fragments and inline fragments', () => {
    const doc = parse('query { a { ...F } } fragment F on A { b { ... on B { c { d { e } } } } }');
    expect(checkLimits(doc, limits)?.limit).toBe('maxDepth');
  });

  it('treats a fragment cycle as too deep instead of looping', () => {
    const doc = parse('{ a { ...F } } fragment F on A { b { ...G } } fragment G on B { a { ...F } }');
    expect(checkLimits(doc, limits)?.limit).toBe('maxDepth');
  });

  it('limits aliases, which multiply work', () => {
    expect(checkLimits(parse('{ a: me { id } b: me { id } c: me { id } }'), limits)?.limit).toBe('maxAliases');
  });

  it('limits fields counted after expanding fragments, so one fragment spread many times adds up', () => {
    const doc = parse('{ x { ...F } y { ...F } } fragment F on T { a b c d e }');
    expect(checkLimits(doc, limits)?.limit).toBe('maxFields');
  });

  it('limits root fields', () => {
    expect(checkLimits(parse('{ a b c d }'), limits)?.limit).toBe('maxRootFields');
  });

  it.each([
    ['an inline fragment on the root type', '{ ... on Query { a b c d } }'],
    ['an inline fragment without a type', '{ a ... { b ... @include(if: true) { c d } } }'],
    ['a fragment spread on the root type', '{ a ...R } fragment R on Query { b c d }'],
  ])('counts root fields through %s', (_name, query) => {
    expect(checkLimits(parse(query), limits)?.limit).toBe('maxRootFields');
  });

  it('counts only root fields toward the root limit, wherever they are spread', () => {
    expect(checkLimits(parse('{ ... on Query { a { x y } b } c }'), limits)).toBeNull();
  });
});
