/**
 * What the OS notification says when a chat is offered while the window is not in front (issue 16):
 * "New chat: 林美 Lin Mei" and the colleague's transfer note, or where the customer came from. Pure.
 * The note is text someone wrote (it may name the customer's problem), so with "Show message text in
 * notifications" off it gives way to the channel, as for an offer without a note.
 */
import type { ChatItem } from '../../../src/shared/chat.ts';
import type { Language } from '../../../src/shared/domain.ts';
import { wordsFor } from '../../../src/shared/locales/dictionaries.ts';

export function chatOfferNotification(
  offer: ChatItem,
  language: Language,
  preview: boolean,
): { title: string; body: string } {
  const words = wordsFor(language).chat;
  const name = offer.visitorName ?? words.visitor.replace('{{tag}}', offer.visitorTag);
  return {
    title: words.offer.title.replace('{{name}}', name),
    body:
      offer.transferNote && preview
        ? words.offer.note.replace('{{note}}', offer.transferNote)
        : words.channel[offer.channel],
  };
}

/** Offers + unread messages in open chats and in colleagues' chats: what waits for the agent (the tray's count). */
export function chatsWaiting(
  chat: { offers: unknown[]; open: { unread: number }[]; internal?: { unread: number }[] | undefined } | undefined,
): number {
  if (!chat) return 0;
  const unread = (chats: { unread: number }[]) => chats.reduce((sum, c) => sum + c.unread, 0);
  return chat.offers.length + unread(chat.open) + unread(chat.internal ?? []);
}
