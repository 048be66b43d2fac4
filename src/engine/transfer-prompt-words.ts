/**
 * What a caller hears when the app transfers them, before the hold music (TCCC: the customer is told they are being
 * transferred). Chinese, then English: the app does not know the caller's language (the agent's UI language is not
 * it), and this is what Chinese contact centres commonly play. Rendered by scripts/render-transfer-prompt.ts.
 */
export const TRANSFER_PROMPT_WORDS = {
  'zh-CN': '正在转接，请稍候。',
  en: 'Transferring, please wait.',
} as const;
