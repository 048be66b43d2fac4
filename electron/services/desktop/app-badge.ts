/**
 * The dock/launcher badge (app.setBadgeCount): missed calls not yet looked at plus what waits in chat —
 * offers and unread customer and colleague messages, the same count as the tray and the Chats tab. Pure.
 */
import { chatsWaiting } from './chat-offer-notification.ts';

export function appBadgeCount(missedUnseen: number, chat: Parameters<typeof chatsWaiting>[0]): number {
  return missedUnseen + chatsWaiting(chat);
}
