import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { ModulesCatalogue } from '../locales/en.modules.ts';
import type { ShellCatalogue } from '../locales/en.ts';

/**
 * The one message catalogue per language, through i18next, in two chunks: the shell's strings
 * (`src/locales/<lang>.ts`), loaded before the first page, and the module pages' (`<lang>.modules.ts`), loaded with
 * the first module page. Only the language in use is downloaded. French when the browser prefers it (or the person
 * chose it: the choice is kept in localStorage), English otherwise.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'etika.language';
const DEFAULT_LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

const loadShell: Record<Language, () => Promise<{ default: ShellCatalogue }>> = {
  en: () => import('../locales/en.ts'),
  fr: () => import('../locales/fr.ts'),
};
const loadModules: Record<Language, () => Promise<{ default: ModulesCatalogue }>> = {
  en: () => import('../locales/en.modules.ts'),
  fr: () => import('../locales/fr.modules.ts'),
};
const modulesLoaded = new Set<Language>();
let modulesWanted = false;

const isLanguage = (value: string | null | undefined): value is Language => (LANGUAGES as readonly string[]).includes(value ?? '');

/** The person's choice, else the first language the browser prefers that we have, else English. */
export function preferredLanguage(stored: string | null, browser: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The Intl locale for a language: the browser's own variant when it speaks that language (fr-CA), else a default. */
export function localeFor(language: Language, browser: readonly string[]): string {
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === language && tag.includes('-')) ?? DEFAULT_LOCALE[language];
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

async function addCatalogue(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', (await loadShell[language]()).default);
  if (modulesWanted && !modulesLoaded.has(language)) {
    i18next.addResourceBundle(language, 'translation', (await loadModules[language]()).default, true, false);
    modulesLoaded.add(language);
  }
}

/** Loads the module pages' strings in the current language; module pages wait for it, as for their own code. */
export async function loadModuleStrings(): Promise<void> {
  modulesWanted = true;
  await addCatalogue(isLanguage(i18next.language) ? i18next.language : 'en');
}

/** Loads the language to use and starts i18next; the app renders once this resolves. */
export async function startI18n(language: Language = preferredLanguage(storedLanguage(), navigator.languages ?? [])): Promise<void> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      lng: language,
      fallbackLng: false,
      resources: {},
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  await setLanguage(language, false);
}

/** Switches language (loading its catalogue first) and, when the person chose it, remembers the choice. */
export async function setLanguage(language: Language, remember = true): Promise<void> {
  await addCatalogue(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      /* private browsing without storage: the choice lasts for this page only */
    }
  }
}

/** The translate function, the current language and its Intl locale, for components. */
export function useI18n() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  return { t, language, locale: localeFor(language, navigator.languages ?? []) };
}

/** The translate function outside components. */
export const translate = i18next.t.bind(i18next);

/** Dates and times in the person's locale and time zone. */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
