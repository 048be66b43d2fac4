/**
 * The translation files by language, for the places outside React that speak to the user (tray,
 * notifications, dialogs, exports). Typed against en.json: a key missing in any language fails `tsc`.
 */
import type { Language } from '../domain.ts';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

export type Dictionary = typeof en;

export const dictionaries: Readonly<Record<Language, Dictionary>> = { 'zh-CN': zhCN, en, sv, fr };

export function wordsFor(language: Language): Dictionary {
  return dictionaries[language];
}

/**
 * A counted phrase outside React, by the language's plural rules as i18next picks them: `base` with
 * the CLDR category ("missed_one", French "missed_many"), falling back to "_other".
 */
export function countPhrase(language: Language, forms: Readonly<Record<string, string>>, base: string, count: number) {
  const category = new Intl.PluralRules(language).select(count);
  const text = forms[`${base}_${category}`] ?? forms[`${base}_other`] ?? base;
  return text.replaceAll('{{count}}', String(count));
}
