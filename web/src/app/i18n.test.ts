import { describe, expect, it } from 'vitest';
import { localeFor, preferredLanguage } from './i18n.ts';

describe('choosing the language', () => {
  it('speaks French when the browser prefers it, English otherwise', () => {
    expect(preferredLanguage(null, ['fr-FR', 'en-US'])).toBe('fr');
    expect(preferredLanguage(null, ['de-DE', 'fr-CH', 'en'])).toBe('fr');
    expect(preferredLanguage(null, ['en-US', 'fr-FR'])).toBe('en');
    expect(preferredLanguage(null, ['de-DE'])).toBe('en');
    expect(preferredLanguage(null, [])).toBe('en');
  });

  it('keeps the choice the person made over the browser', () => {
    expect(preferredLanguage('en', ['fr-FR'])).toBe('en');
    expect(preferredLanguage('klingon', ['fr-FR'])).toBe('fr');
  });

  it("uses the browser's own variant of the language for numbers and dates", () => {
    expect(localeFor('fr', ['fr-CA', 'en-US'])).toBe('fr-CA');
    expect(localeFor('fr', ['en-US'])).toBe('fr-FR');
    expect(localeFor('en', ['fr-FR', 'en-US'])).toBe('en-US');
    expect(localeFor('en', ['fr'])).toBe('en-GB');
  });
});
