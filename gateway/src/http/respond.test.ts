import { describe, expect, it } from 'vitest';
import { mergeAuthorization, setNullAt } from './respond.ts';

describe('setNullAt', () => {
  it('sets a nested field to null and fans out over lists', () => {
    const data = { org: { members: [{ id: '1' }, { id: '2' }] } };
    setNullAt(data, ['org', 'members', 'email']);
    expect(data).toEqual({ org: { members: [{ id: '1', email: null }, { id: '2', email: null }] } });
  });

  it('leaves a null parent alone', () => {
    const data = { org: null };
    setNullAt(data, ['org', 'name']);
    expect(data).toEqual({ org: null });
  });
});

describe('mergeAuthorization', () => {
  it('appends the errors after execution errors', () => {
    const result = { data: { a: 1 } as Record<string, unknown>, errors: [{ message: 'first' }] };
    mergeAuthorization(result, { errors: [{ message: 'denied', path: ['b'] }], removedPaths: [['b']] });
    expect(result.data).toEqual({ a: 1, b: null });
    expect(result.errors.map((e) => e.message)).toEqual(['first', 'denied']);
  });
});
