import type { Language } from './domain.ts';

/**
 * The UI language for an OS locale tag (BCP 47, as Electron's app.getLocale() or navigator.languages
 * give it): any zh-* is Chinese, sv-* Swedish, fr-* French (fr-CA too), anything else English.
 */
export function languageForLocale(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'sv' || primary === 'fr' || primary === 'en') return primary;
  return undefined;
}

/** The first of the user's preferred locales the app speaks; English when it speaks none of them. */
export function languageForLocales(tags: readonly string[]): Language {
  for (const tag of tags) {
    const language = languageForLocale(tag);
    if (language) return language;
  }
  return 'en';
}
