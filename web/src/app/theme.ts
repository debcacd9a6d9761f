import { createSystem, defaultConfig, defineConfig, type SystemContext } from '@chakra-ui/react';

export const DEFAULT_BRAND = '#0f766e';
const STEPS = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'] as const;
const MIX: Record<(typeof STEPS)[number], [string, number]> = {
  '50': ['#ffffff', 0.92], '100': ['#ffffff', 0.82], '200': ['#ffffff', 0.64], '300': ['#ffffff', 0.44], '400': ['#ffffff', 0.2],
  '500': ['#ffffff', 0], '600': ['#000000', 0.15], '700': ['#000000', 0.3], '800': ['#000000', 0.45], '900': ['#000000', 0.6], '950': ['#000000', 0.72],
};

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(hex: string, other: string, t: number): string {
  const [a, b] = [rgb(hex), rgb(other)];
  return `#${a.map((v, i) => Math.round(v + (b[i]! - v) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2.1 relative luminance and contrast ratio. */
export function contrastRatio(x: string, y: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = rgb(hex).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [l1, l2] = [lum(x), lum(y)].sort((a, b) => b - a) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Backgrounds brand text must read on: white, and the lightest of Chakra's dark surfaces (gray.950). */
export const PAGE_BACKGROUND = { light: '#ffffff', dark: '#111111' } as const;

const pick = (palette: Record<string, string>, steps: readonly string[], on: string) =>
  steps.find((s) => contrastRatio(palette[s]!, on) >= 4.5) ?? steps[steps.length - 1]!;

/**
 * The brand palette, the shade used for solid surfaces (dark enough for white text at AA, 4.5:1) and the shades
 * used for brand-coloured text (links) on the light and the dark page, each at AA.
 */
export function brandPalette(brand: string): { palette: Record<string, string>; solid: string; contrast: string; fg: { light: string; dark: string } } {
  const base = /^#[0-9a-fA-F]{6}$/.test(brand) ? brand.toLowerCase() : DEFAULT_BRAND;
  const palette = Object.fromEntries(STEPS.map((s) => [s, mix(base, MIX[s][0], MIX[s][1])]));
  palette['white'] = '#ffffff';
  palette['black'] = '#000000';
  const solid = palette[pick(palette, ['600', '700', '800', '900', '950', 'black'], '#ffffff')]!;
  const fg = {
    light: palette[pick(palette, ['700', '800', '900', '950', 'black'], PAGE_BACKGROUND.light)]!,
    dark: palette[pick(palette, ['300', '200', '100', '50', 'white'], PAGE_BACKGROUND.dark)]!,
  };
  return { palette, solid, contrast: '#ffffff', fg };
}

/** A Chakra system whose `brand` colour palette is the organisation's colour, readable in light and dark. */
export function brandSystem(brand: string): SystemContext {
  const { palette, solid, contrast, fg } = brandPalette(brand);
  const ref = (step: string) => ({ value: palette[step]! });
  return createSystem(
    defaultConfig,
    defineConfig({
      theme: {
        tokens: { colors: { brand: Object.fromEntries(STEPS.map((s) => [s, ref(s)])) } },
        semanticTokens: {
          colors: {
            fg: {
              success: { value: { _light: '{colors.green.700}', _dark: '{colors.green.300}' } },
              error: { value: { _light: '{colors.red.700}', _dark: '{colors.red.300}' } },
            },
            brand: {
              solid: { value: solid },
              contrast: { value: contrast },
              fg: { value: { _light: fg.light, _dark: fg.dark } },
              muted: { value: { _light: palette['100']!, _dark: palette['800']! } },
              subtle: { value: { _light: palette['50']!, _dark: palette['950']! } },
              emphasized: { value: { _light: palette['200']!, _dark: palette['700']! } },
              focusRing: { value: { _light: palette['600']!, _dark: palette['300']! } },
            },
          },
        },
      },
    }),
  );
}
