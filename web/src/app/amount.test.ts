import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, parseDecimals } from './amount.ts';

const fr = 'fr-FR';
const en = 'en-GB';
const minor = (input: string, decimals: number, locale: string) => {
  const r = parseAmount(input, decimals, locale);
  return r.ok ? r.minor : r.problem;
};

describe('reading amounts in French', () => {
  it('reads a comma as the decimal mark', () => {
    expect(minor('1,5', 2, fr)).toBe(150n);
    expect(minor('1,50', 2, fr)).toBe(150n);
    expect(minor('0,01', 2, fr)).toBe(1n);
  });

  it('reads spaces of every kind as thousands separators', () => {
    expect(minor('1 000,50', 2, fr)).toBe(100050n);
    expect(minor('1\u00a0000,50', 2, fr)).toBe(100050n);
    expect(minor('1\u202f000,50', 2, fr)).toBe(100050n);
    expect(minor('12 345 678', 0, fr)).toBe(12345678n);
    expect(minor(formatAmount(100050n, 2, fr), 2, fr)).toBe(100050n);
  });

  it('also reads a dot as the decimal mark, as phone keypads offer', () => {
    expect(minor('1.5', 2, fr)).toBe(150n);
  });

  it('refuses what it cannot read without guessing', () => {
    expect(minor('1.000,50', 2, fr)).toBe('invalid');
    expect(minor('10 00', 2, fr)).toBe('grouping');
    expect(minor('1 0000', 2, fr)).toBe('grouping');
    expect(minor('1,5,0', 2, fr)).toBe('invalid');
  });
});

describe('reading amounts in English', () => {
  it('reads a dot as the decimal mark and commas as thousands', () => {
    expect(minor('1.5', 2, en)).toBe(150n);
    expect(minor('1,000.50', 2, en)).toBe(100050n);
    expect(minor('1,000', 0, en)).toBe(1000n);
    expect(minor('12,345,678.9', 1, en)).toBe(123456789n);
  });

  it('refuses 1,5 instead of reading 15', () => {
    expect(minor('1,5', 2, en)).toBe('commaDecimal');
    expect(minor('12,50', 2, en)).toBe('commaDecimal');
    expect(minor('1,00.5', 2, en)).toBe('grouping');
    expect(minor('1,0000', 2, en)).toBe('commaDecimal');
    expect(minor('1.5,0', 2, en)).toBe('grouping');
    expect(minor('1.2.3', 2, en)).toBe('grouping');
    expect(minor('1 000', 2, en)).toBe('invalid');
  });
});

describe('reading amounts anywhere', () => {
  it.each([fr, en])('treats .5 and 5. like 0.5 and 5 (%s)', (locale) => {
    expect(minor('.5', 2, locale)).toBe(50n);
    expect(minor('5.', 2, locale)).toBe(500n);
    expect(minor('.', 2, locale)).toBe('invalid');
  });

  it('follows the token decimals, and says whole numbers only for a 0-decimal token', () => {
    expect(minor('0.001', 2, en)).toBe('tooManyDecimals');
    expect(minor('1.5', 0, en)).toBe('wholeOnly');
    expect(minor('1,5', 0, fr)).toBe('wholeOnly');
    expect(minor('5.', 0, en)).toBe(5n);
    expect(minor('1.50', 1, en)).toBe(15n);
  });

  it('refuses empty, zero, negative and anything that is not a number', () => {
    expect(minor('  ', 2, en)).toBe('empty');
    expect(minor('0', 2, en)).toBe('zero');
    expect(minor('0,00', 2, fr)).toBe('zero');
    expect(minor('-3', 2, en)).toBe('negative');
    expect(minor('−3', 2, fr)).toBe('negative');
    expect(minor('abc', 2, en)).toBe('invalid');
    expect(minor('1e3', 2, en)).toBe('invalid');
    expect(minor('+5', 2, en)).toBe('invalid');
  });

  it('keeps amounts far beyond what a float can hold exact', () => {
    expect(minor('123456789012345678901234567890', 0, en)).toBe(123456789012345678901234567890n);
    expect(minor('9007199254740993.01', 2, en)).toBe(900719925474099301n);
  });
});

describe('writing amounts', () => {
  it('writes minor units with the token decimals in the locale', () => {
    expect(formatAmount('1250', 2, en)).toBe('12.50');
    expect(formatAmount('100050', 2, fr)).toBe('1\u202f000,50');
    expect(formatAmount('5', 2, en)).toBe('0.05');
    expect(formatAmount('-7', 1, fr)).toBe('-0,7');
    expect(formatAmount(123456789012345678901234567890n, 0, en)).toBe('123,456,789,012,345,678,901,234,567,890');
  });
});

describe('decimals', () => {
  it('takes decimals from 0 to 18 as whole numbers only', () => {
    expect(parseDecimals('2')).toBe(2);
    expect(parseDecimals(' 18 ')).toBe(18);
    expect(parseDecimals('19')).toBeNull();
    expect(parseDecimals('1.5')).toBeNull();
    expect(parseDecimals('-1')).toBeNull();
    expect(parseDecimals('')).toBeNull();
  });
});
