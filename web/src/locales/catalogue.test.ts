import { describe, expect, it } from 'vitest';
import enModules from './en.modules.ts';
import en from './en.ts';
import frModules from './fr.modules.ts';
import fr from './fr.ts';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten({ ...en, ...enModules }), fr: flatten({ ...fr, ...frModules }) };
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../**/*.d.ts', '!../gql/**', '!../locales/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const hasKey = (key: string) => catalogues.en.has(key) || (catalogues.en.has(`${key}_one`) && catalogues.en.has(`${key}_other`));

describe('the message catalogues', () => {
  it('keep each section in one part only, the shell or the modules', () => {
    expect(Object.keys(en).filter((section) => section in enModules)).toEqual([]);
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(frModules).sort()).toEqual(Object.keys(enModules).sort());
  });

  it('have exactly the same keys in French and English', () => {
    expect([...catalogues.fr.keys()].sort()).toEqual([...catalogues.en.keys()].sort());
  });

  it('have no empty message, and the same placeholders in both languages', () => {
    for (const [key, text] of catalogues.en) {
      expect({ key, empty: text.trim() === '' || catalogues.fr.get(key)!.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(catalogues.fr.get(key)!) }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('have every key the code asks for', () => {
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\b(?:t|translate)\('([^']+)'/g)) if (!hasKey(m[1]!)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\b(?:t|translate)\(`([^`$]+)\.\$\{/g)) {
        if (![...catalogues.en.keys()].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${file}: ${m[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it('leave no sentence written straight into the pages', () => {
    const literal: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      if (!file.endsWith('.tsx')) continue;
      for (const m of text.matchAll(/(?<!=)>\s*([A-Za-zÀ-ÿ][^<>{}();=&|]*[a-zà-ÿ]{2}[^<>{}();=&|]*)</g)) literal.push(`${file}: ${m[1]!.trim()}`);
      for (const m of text.matchAll(/\b(?:aria-label|label|title|alt|placeholder)="([^"]*[a-z]{2}[^"]*)"/g)) literal.push(`${file}: ${m[1]}`);
    }
    expect(literal).toEqual([]);
  });
});
