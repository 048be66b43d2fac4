/**
 * One i18next instance for the UI window. Resources are bundled (no backend), so
 * init is synchronous and the first render already has real strings.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain.ts';
import { dictionaries } from '../../shared/locales/dictionaries.ts';
import { languageForLocales } from '../../shared/language-match.ts';

export const resources = {
  'zh-CN': { translation: dictionaries['zh-CN'] },
  en: { translation: dictionaries.en },
  sv: { translation: dictionaries.sv },
  fr: { translation: dictionaries.fr },
} as const;

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // React escapes text itself; escaping here would show "&amp;" in names.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Before main tells us the language (first paint), follow the OS's first language the app speaks. */
export function guessLanguage(languages: readonly string[]): Language {
  return languageForLocales(languages);
}
