import type { Language, LanguagePreference } from '../../../src/shared/domain.ts';
import { languageForLocales } from '../../../src/shared/language-match.ts';

/** The language the user chose in Settings, or for "system" the OS locale's (zh-* → zh-CN, sv-*, fr-*, else en). */
export function resolveLanguage(preference: LanguagePreference, systemLocale: string): Language {
  if (preference !== 'system') return preference;
  return languageForLocales([systemLocale]);
}
