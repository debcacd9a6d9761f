import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import enModules from '../src/locales/en.modules.ts';
import en from '../src/locales/en.ts';
import frModules from '../src/locales/fr.modules.ts';
import fr from '../src/locales/fr.ts';

/** The app's own catalogues, so each flow finds its labels in the language it runs in. */
export const CATALOGUES = { en: { ...en, ...enModules }, fr: { ...fr, ...frModules } } as const;
export type Lang = keyof typeof CATALOGUES;
export const BROWSER_LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

/** A catalogue message with its placeholders filled, as the app shows it. */
export function say(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/**
 * axe on the page as people see it once it is still: a dialog caught half-way through fading in has colours that
 * no one reads, so running animations finish first (endless ones, such as a spinner's, are not waited for).
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect({ page: name, violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) }).toEqual({ page: name, violations: [] });
}

/** Every GraphQL operation the page sends, by name, so a test can say what was (not) sent. */
export function recordOperations(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (r) => {
    const body = r.postData();
    const name = body ? /"operationName":"(\w+)"/.exec(body)?.[1] : undefined;
    if (name) sent.push(name);
  });
  return sent;
}
