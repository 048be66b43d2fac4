import { describe, expect, it } from 'vitest';
import { languageForLocales } from './language-match.ts';

describe('the UI language for the OS locale', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['sv', 'sv'],
    ['fr-CA', 'fr'],
    ['fr_FR', 'fr'],
    ['zh-TW', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
  ] as const)('%s gets %s', (tag, language) => {
    expect(languageForLocales([tag])).toBe(language);
  });

  it('takes the first preferred locale the app speaks, so German then Swedish gets Swedish', () => {
    expect(languageForLocales(['de-DE', 'sv-SE', 'en-US'])).toBe('sv');
  });
});
