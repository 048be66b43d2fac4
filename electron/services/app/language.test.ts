import { describe, expect, it } from 'vitest';
import { resolveLanguage } from './language.ts';

describe('resolveLanguage', () => {
  it('follows the OS locale while Settings says "system": fr-CA gets French, sv-SE Swedish', () => {
    expect(resolveLanguage('system', 'fr-CA')).toBe('fr');
    expect(resolveLanguage('system', 'sv-SE')).toBe('sv');
    expect(resolveLanguage('system', 'zh-HK')).toBe('zh-CN');
    expect(resolveLanguage('system', 'pt-BR')).toBe('en');
  });

  it('keeps the language chosen in Settings whatever the OS says', () => {
    expect(resolveLanguage('sv', 'fr-CA')).toBe('sv');
  });
});
