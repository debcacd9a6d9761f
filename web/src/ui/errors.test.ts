import { describe, expect, it } from 'vitest';
import { errorCode, messageFor } from './errors.ts';

const apolloError = (code: string, message = 'server words') => ({ errors: [{ message, extensions: { code } }] });

describe('messageFor', () => {
  it.each([
    ['INSUFFICIENT_BALANCE', /not enough tokens/],
    ['UNAUTHORIZED_FIELD_OR_TYPE', /not allowed/],
    ['SESSION_EXPIRED', /sign in again/],
  ])('puts %s in words', (code, words) => {
    expect(messageFor(apolloError(code))).toMatch(words);
  });

  it("keeps the server's wording for input problems, which names the field", () => {
    expect(messageFor(apolloError('BAD_USER_INPUT', 'The amount must be more than zero'))).toBe('The amount must be more than zero');
  });

  it('never shows raw JSON or internals for anything else', () => {
    expect(messageFor(new Error('socket hang up {"stack": "..."}'))).toBe('Something went wrong. Please try again.');
    expect(errorCode(null)).toBeNull();
  });
});
