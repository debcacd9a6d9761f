import { describe, expect, it } from 'vitest';
import { endpointUrlProblem, latestAttempt, localToInstant, outcomeWord } from './rules.ts';

describe('an endpoint address as typed', () => {
  it('takes an absolute web address', () => {
    expect(endpointUrlProblem(' https://partner.example/etika ')).toBeNull();
  });

  it('refuses nothing, a relative address, another scheme and credentials in the address', () => {
    expect(endpointUrlProblem('  ')).toBe('empty');
    expect(endpointUrlProblem('/hooks')).toBe('invalid');
    expect(endpointUrlProblem('ftp://partner.example/')).toBe('invalid');
    expect(endpointUrlProblem('https://user:secret@partner.example/')).toBe('credentials');
  });
});

describe('replaying since a time', () => {
  it('reads the local date and time as an instant', () => {
    expect(localToInstant('2026-12-01T10:30')).toBe(new Date(2026, 11, 1, 10, 30).toISOString());
  });

  it('refuses what is not a date and time', () => {
    expect(localToInstant('')).toBeNull();
    expect(localToInstant('yesterday')).toBeNull();
  });
});

describe('the latest attempt of a delivery', () => {
  it('is the one with the highest number, whatever the order', () => {
    expect(latestAttempt([{ attempt: 2, s: 'b' }, { attempt: 3, s: 'c' }, { attempt: 1, s: 'a' }])?.s).toBe('c');
    expect(latestAttempt([])).toBeNull();
  });
});

describe('a status in words', () => {
  it('says delivered and failed as they are, and anything still under way as trying', () => {
    expect(['succeeded', 'failed', 'pending', 'sending'].map(outcomeWord)).toEqual(['succeeded', 'failed', 'pending', 'pending']);
  });
});
