import { describe, expect, it } from 'vitest';
import { brandPalette, contrastRatio } from './theme.ts';

describe('brand theme', () => {
  it.each(['#0f766e', '#7c3aed', '#facc15', '#e0f2fe', '#000000', 'not a colour'])('white text on the solid shade of %s meets WCAG AA', (brand) => {
    const { solid, contrast } = brandPalette(brand);
    expect(contrastRatio(solid, contrast)).toBeGreaterThanOrEqual(4.5);
  });

  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
