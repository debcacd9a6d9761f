import { describe, expect, it } from 'vitest';
import { PAGE_BACKGROUND, brandPalette, contrastRatio } from './theme.ts';

const BRANDS = ['#0f766e', '#7c3aed', '#facc15', '#e0f2fe', '#000000', '#ffffff', 'not a colour'];

describe('brand theme', () => {
  it.each(BRANDS)('white text on the solid shade of %s meets WCAG AA', (brand) => {
    const { solid, contrast } = brandPalette(brand);
    expect(contrastRatio(solid, contrast)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(BRANDS)('brand-coloured text of %s meets WCAG AA on the light and the dark page', (brand) => {
    const { fg } = brandPalette(brand);
    expect(contrastRatio(fg.light, PAGE_BACKGROUND.light)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(fg.dark, PAGE_BACKGROUND.dark)).toBeGreaterThanOrEqual(4.5);
  });

  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
