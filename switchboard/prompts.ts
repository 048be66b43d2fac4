/**
 * What the switchboard's own lines say, in each language its callers may speak: the auto-attendant's
 * greeting and the "everyone is busy" announcement. The company picks one language for its lines
 * (`promptLanguage`), the way a company records one greeting; the sign-in code call instead follows
 * the language of the app that asked for it (provisioning/sip-code-caller.ts). espeak-ng has a voice
 * for each: `cmn` (Mandarin), `en`, `sv`, `fr`.
 */
export const promptLanguages = ['zh-CN', 'en', 'sv', 'fr'] as const;
export type PromptLanguage = (typeof promptLanguages)[number];

export const isPromptLanguage = (value: string): value is PromptLanguage =>
  (promptLanguages as readonly string[]).includes(value);

/** espeak-ng's voice for each language. */
export const promptVoice: Record<PromptLanguage, string> = { 'zh-CN': 'cmn', en: 'en', sv: 'sv', fr: 'fr' };

export type Prompt = { voice: string; text: string };

/** The auto-attendant's greeting on the company main number. */
export function greetingPrompt(companyName: string, language: PromptLanguage): Prompt {
  const text = {
    'zh-CN': `欢迎致电${companyName}。请输入您要找的分机号码，转人工请按零。`,
    en:
      `Welcome to ${companyName}. Please key in the extension of the person you want to reach, ` +
      'or zero for the operator.',
    sv: `Välkommen till ${companyName}. Slå anknytningen till den du söker, eller noll för växeln.`,
    fr: `Bienvenue chez ${companyName}. Composez le numéro de poste de votre correspondant, ou zéro pour le standard.`,
  }[language];
  return { voice: promptVoice[language], text };
}

/** The announcement a caller hears when nobody in a group is available. */
export function groupBusyPrompt(language: PromptLanguage): Prompt {
  const text = {
    'zh-CN': '坐席正忙，请稍后再拨。',
    en: 'Everyone is busy at the moment. Please call again later.',
    sv: 'Alla är upptagna just nu. Ring gärna igen senare.',
    fr: 'Tous nos correspondants sont occupés. Merci de rappeler plus tard.',
  }[language];
  return { voice: promptVoice[language], text };
}
