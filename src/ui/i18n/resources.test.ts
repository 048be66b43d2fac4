import { describe, expect, it } from 'vitest';
import {
  CallOutcomeSchema,
  CallPhaseSchema,
  LanguageSchema,
  RegistrationErrorSchema,
  RegistrationStatusSchema,
} from '../../shared/domain.ts';
import { NumberSignInErrorCodeSchema } from '../../shared/number-sign-in.ts';
import { dictionaries } from '../../shared/locales/dictionaries.ts';
import { createI18n } from './setup.ts';

/** Flattens nested resources to "a.b.c" → value, so two languages can be compared key by key. */
function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) {
      for (const [k, v] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, node);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const languages = LanguageSchema.options;
const tables = new Map(languages.map((language) => [language, flatten(dictionaries[language])]));
const english = tables.get('en')!;
const others = languages.filter((language) => language !== 'en');
/** "callCount_one" and "callCount_other" are one key, "callCount", told apart by i18next's plural rules. */
const baseKeys = (table: Map<string, unknown>) =>
  [...new Set([...table.keys()].map((k) => k.replace(PLURAL_SUFFIX, '')))].sort();
const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI translations', () => {
  it.each(others)('%s has exactly the keys en has (plural forms aside)', (language) => {
    expect(baseKeys(tables.get(language)!)).toEqual(baseKeys(english));
  });

  it.each(languages)('%s has every plural form its language needs (Intl.PluralRules)', (language) => {
    const table = tables.get(language)!;
    const pluralBases = new Set(
      [...english.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')),
    );
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const base of pluralBases) {
      for (const category of categories)
        expect(table.has(`${base}_${category}`), `${language}: ${base}_${category}`).toBe(true);
    }
  });

  it.each(languages)('%s has no empty or non-string values', (language) => {
    for (const [key, value] of tables.get(language)!) {
      expect(typeof value === 'string' && value.trim().length > 0, `${language}: ${key}`).toBe(true);
    }
  });

  it.each(others)('%s uses the same {{placeholders}} as en', (language) => {
    for (const [key, value] of tables.get(language)!) {
      // A form en lacks (French "_many") says what en's "_other" says.
      const source = english.has(key) ? english.get(key) : english.get(key.replace(PLURAL_SUFFIX, '_other'));
      expect(vars(value), `${language}: ${key}`).toEqual(vars(source));
    }
  });

  it('counts in each language by its own plural rules', () => {
    const say = (language: (typeof languages)[number], count: number) =>
      createI18n(language).t('callLog.callCount', { count });
    expect([say('en', 1), say('en', 2)]).toEqual(['1 call', '2 calls']);
    expect([say('sv', 1), say('sv', 5)]).toEqual(['1 samtal', '5 samtal']);
    expect([say('fr', 1), say('fr', 2), say('fr', 1_000_000)]).toEqual(['1 appel', '2 appels', '1000000 appels']);
    expect(createI18n('fr').t('tabs.missedBadge', { count: 0 })).toBe('0 appel manqué');
  });

  it('translate every code the app can show', () => {
    const needed = [
      ...RegistrationStatusSchema.options.map((s) => `registration.status.${s}`),
      ...RegistrationErrorSchema.options.map((e) => `registration.errors.${e}`),
      ...CallPhaseSchema.options.map((p) => `call.phase.${p}`),
      ...CallOutcomeSchema.options.filter((o) => o !== 'answered').map((o) => `callLog.outcome.${o}`),
      ...NumberSignInErrorCodeSchema.options.map((c) => `numberSignIn.errors.${c}`),
      'signedOut.signed-in-elsewhere',
      'signedOut.signed-out-by-admin',
      'signedOut.password-changed',
    ];
    for (const key of needed) expect(english.has(key), key).toBe(true);
  });
});
