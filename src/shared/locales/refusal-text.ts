import type { Language } from '../domain.ts';
import { wordsFor, type Dictionary } from './dictionaries.ts';

export type RefusalCode = keyof Dictionary['refusal'];

/**
 * The words, in the UI's language, for a refusal main answers with (UserFacingError's stable code);
 * undefined for a code with no translation (a server's own words), which then keeps its message.
 */
export function refusalText(language: Language, code: string): string | undefined {
  const table: Record<string, string> = wordsFor(language).refusal;
  return Object.hasOwn(table, code) ? table[code] : undefined;
}
