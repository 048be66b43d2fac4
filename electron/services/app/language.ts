import type { Language, LanguagePreference } from '../../../src/shared/domain.ts';

/** Chinese first: any zh-* system locale gets the Chinese UI, everything else English. */
export function resolveLanguage(preference: LanguagePreference, systemLocale: string): Language {
  if (preference !== 'system') return preference;
  return /^zh\b/i.test(systemLocale) ? 'zh-CN' : 'en';
}
