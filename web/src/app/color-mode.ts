import { useSyncExternalStore } from 'react';

/** Light or dark: the system's choice unless the person picked one (kept in localStorage). */
export const COLOR_MODES = ['system', 'light', 'dark'] as const;
export type ColorModeChoice = (typeof COLOR_MODES)[number];

const STORAGE_KEY = 'etika.colorMode';
const listeners = new Set<() => void>();
const media = () => window.matchMedia?.('(prefers-color-scheme: dark)');

function stored(): ColorModeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (COLOR_MODES as readonly string[]).includes(value ?? '') ? (value as ColorModeChoice) : 'system';
  } catch {
    return 'system';
  }
}

let choice: ColorModeChoice = 'system';

function apply(): void {
  const dark = choice === 'dark' || (choice === 'system' && (media()?.matches ?? false));
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.classList.toggle('light', !dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  listeners.forEach((l) => l());
}

/** Applies the stored choice and follows the system while the choice is "system". */
export function startColorMode(): void {
  choice = stored();
  apply();
  media()?.addEventListener('change', apply);
}

export function setColorMode(next: ColorModeChoice): void {
  choice = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* without storage the choice lasts for this page */
  }
  apply();
}

export function useColorMode(): ColorModeChoice {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => choice,
  );
}
