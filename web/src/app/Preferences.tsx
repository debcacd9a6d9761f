import { HStack, NativeSelect } from '@chakra-ui/react';
import { COLOR_MODES, setColorMode, useColorMode, type ColorModeChoice } from './color-mode.ts';
import { LANGUAGES, setLanguage, useI18n, type Language } from './i18n.ts';

/** Each language is named in itself, so anyone can find their own. */
const NATIVE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

/**
 * The language and light/dark switches; both choices are remembered on this device. `onLanguage` hears a switch of
 * language (the shell saves it for mail and notifications).
 */
export function Preferences({ onBrand = false, onLanguage }: { onBrand?: boolean; onLanguage?: (language: Language) => void }) {
  const { t, language } = useI18n();
  const mode = useColorMode();
  const field = onBrand ? { bg: 'white', color: 'black' } : {};
  return (
    <HStack gap={2} wrap="wrap">
      <NativeSelect.Root size="sm" width="auto">
        <NativeSelect.Field aria-label={t('preferences.language')} value={language} onChange={(e) => {
          const next = e.target.value as Language;
          void setLanguage(next);
          onLanguage?.(next);
        }} {...field}>
          {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{NATIVE_NAMES[l]}</option>)}
        </NativeSelect.Field>
      </NativeSelect.Root>
      <NativeSelect.Root size="sm" width="auto">
        <NativeSelect.Field aria-label={t('preferences.theme')} value={mode} onChange={(e) => setColorMode(e.target.value as ColorModeChoice)} {...field}>
          {COLOR_MODES.map((m) => <option key={m} value={m}>{t(`preferences.mode.${m}`)}</option>)}
        </NativeSelect.Field>
      </NativeSelect.Root>
    </HStack>
  );
}
