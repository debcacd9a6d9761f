import { beforeAll, describe, expect, it } from 'vitest';
import { setLanguage, startI18n } from '../app/i18n.ts';
import { errorCode, errorField, messageFor } from './errors.ts';

const apolloError = (code: string, message = 'server words', field?: string) => ({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });

beforeAll(() => startI18n('en'));

describe('messageFor', () => {
  it.each([
    ['INSUFFICIENT_BALANCE', /not enough tokens/],
    ['UNAUTHORIZED_FIELD_OR_TYPE', /not allowed/],
    ['SESSION_EXPIRED', /sign in again/],
    ['LAST_OWNER', /at least one owner/],
    ['TOKENS_SPENT', /already spent some of these tokens/],
    ['QUOTE_EXPIRED', /quote has expired/],
    ['PURCHASE_LIMIT', /outside the limits/],
  ])('puts %s in words', (code, words) => {
    expect(messageFor(apolloError(code))).toMatch(words);
  });

  it('says which thing was not found where the API names it', () => {
    expect(messageFor(apolloError('NOT_FOUND', 'The recipient is not a member of this organisation', 'legs.0.toUserId'))).toBe('The recipient is not a member of this organisation.');
    expect(messageFor(apolloError('NOT_FOUND', 'No such member'))).toMatch(/could not find/);
  });

  it('words input problems by the field the API names, never the raw variable error', () => {
    expect(messageFor(apolloError('BAD_USER_INPUT', 'Decimals go from 0 to 18', 'decimals'))).toBe('Decimals must be a whole number from 0 to 18.');
    expect(messageFor(apolloError('BAD_USER_INPUT', 'Variable "$input" got invalid value 1.5'))).toBe('Please check what you entered.');
    expect(errorField(apolloError('BAD_USER_INPUT', 'x', 'legs.0.toUserId'))).toBe('toUserId');
  });

  it('speaks the person’s language', async () => {
    await setLanguage('fr', false);
    expect(messageFor(apolloError('NOT_FOUND', 'No such member'))).toMatch(/Introuvable/);
    expect(messageFor(new Error('boom'))).toBe('Un problème est survenu. Veuillez réessayer.');
    await setLanguage('en', false);
  });

  it('never shows raw JSON or internals for anything else', () => {
    expect(messageFor(new Error('socket hang up {"stack": "..."}'))).toBe('Something went wrong. Please try again.');
    expect(errorCode(null)).toBeNull();
  });
});
