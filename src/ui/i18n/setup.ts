/**
 * One i18next instance for the UI window. Resources are bundled (no backend), so
 * init is synchronous and the first render already has real strings.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain.ts';
import en from '../../shared/locales/en.json' with { type: 'json' };
import zhCN from '../../shared/locales/zh-CN.json' with { type: 'json' };

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
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

/** Before main tells us the language (first paint), follow the OS: Chinese for any zh-*, else English. */
export function guessLanguage(languages: readonly string[]): Language {
  return languages.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}
