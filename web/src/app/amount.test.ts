import { describe, expect, it } from 'vitest';
import { formatAmount, toMinorUnits } from './amount.ts';

describe('amounts', () => {
  it('formats minor units with the token decimals, exactly', () => {
    expect(formatAmount('1250', 2)).toBe('12.50');
    expect(formatAmount('5', 2)).toBe('0.05');
    expect(formatAmount('123456789012345678901234567890', 0)).toBe('123,456,789,012,345,678,901,234,567,890');
    expect(formatAmount('-7', 1)).toBe('-0.7');
  });

  it('turns what a person types into minor units, refusing too many decimals', () => {
    expect(toMinorUnits('12.5', 2)).toBe('1250');
    expect(toMinorUnits('1,000', 0)).toBe('1000');
    expect(toMinorUnits('0.001', 2)).toBeNull();
    expect(toMinorUnits('0', 2)).toBeNull();
    expect(toMinorUnits('-3', 2)).toBeNull();
    expect(toMinorUnits('abc', 2)).toBeNull();
  });
});
