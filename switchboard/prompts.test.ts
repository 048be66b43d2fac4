import { describe, expect, it } from 'vitest';
import { greetingPrompt, groupBusyPrompt, promptLanguages, promptVoice } from './prompts.ts';

describe("the switchboard's spoken prompts", () => {
  it('greet callers with the company name in every language, each with its own espeak-ng voice', () => {
    for (const language of promptLanguages) {
      const greeting = greetingPrompt('Acme 有限公司', language);
      expect(greeting.text, language).toContain('Acme 有限公司');
      expect(greeting.voice, language).toBe(promptVoice[language]);
    }
    expect(new Set(promptLanguages.map((language) => promptVoice[language])).size).toBe(promptLanguages.length);
  });

  it('tell callers in Swedish and French how to reach the operator ("noll" / "zéro"), as in English and Chinese', () => {
    expect(greetingPrompt('Acme', 'sv').text).toMatch(/noll för växeln/);
    expect(greetingPrompt('Acme', 'fr').text).toMatch(/zéro pour le standard/);
    expect(greetingPrompt('Acme', 'en').text).toMatch(/zero for the operator/);
    expect(greetingPrompt('Acme', 'zh-CN').text).toMatch(/按零/);
  });

  it('say "everyone is busy" in a different sentence for each language', () => {
    const texts = promptLanguages.map((language) => groupBusyPrompt(language).text);
    expect(new Set(texts).size).toBe(promptLanguages.length);
    expect(groupBusyPrompt('sv').voice).toBe('sv');
    expect(groupBusyPrompt('zh-CN').voice).toBe('cmn');
  });
});
