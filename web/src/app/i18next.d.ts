import 'i18next';
import type { Catalogue } from '../locales/catalogue.ts';

/** `t('…')` only accepts keys the catalogues have. */
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Catalogue };
    returnNull: false;
  }
}
