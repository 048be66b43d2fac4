/**
 * Who "New chat" offers (issue 17): the directory's hits less myself, since the service refuses a chat
 * with oneself. I am known by my extension (the signed-in account's user is the extension).
 */
import type { SearchHit } from '../../../shared/directory.ts';

export const NEW_CHAT_PICKS = 20;

export function newChatPicks(hits: SearchHit[], myExtension: string): SearchHit[] {
  return hits.filter(({ person }) => person.extension !== myExtension).slice(0, NEW_CHAT_PICKS);
}
