/**
 * A colleague's new internal chat message (issue 17) while the main window is not in front shows an OS
 * notification: their name and the first line of the message ("[Image]" for a picture); clicking it
 * brings the window up (CallWindowPort). In front, the list's unread count is enough. What was unread
 * already when the list first came (a sign-in, a restart) is not news.
 *
 * With "Show message text in notifications" off (Settings › Desktop), the issue asks for "nothing" of the
 * message: we read that as no message text at all, not as no notification — the notification still says
 * who wrote ("New message from 李娜"), so a message is not missed, and shows nothing they wrote to
 * someone looking over the shoulder or at a shared screen.
 */
import type { AppState } from '../../../src/shared/domain.ts';
import type { InternalChatItem } from '../../../src/shared/internal-chat.ts';
import { wordsFor } from '../../../src/shared/locales/dictionaries.ts';
import type { CallWindowPort } from './ports.ts';

const FIRST_LINE_MAX = 100;

export function internalMessageNotification(
  item: InternalChatItem,
  language: AppState['language'],
  preview: boolean,
): { title: string; body: string } {
  const words = wordsFor(language).chat;
  if (!preview) return { title: words.internal.notifyHidden.replace('{{name}}', item.peer.name), body: '' };
  const last = item.lastLine!;
  const line = [...(last.text.split('\n')[0] ?? '')];
  const text = line.length > FIRST_LINE_MAX ? `${line.slice(0, FIRST_LINE_MAX).join('')}…` : line.join('');
  return { title: item.peer.name, body: last.image ? words.image.lastLine : text };
}

export function followInternalMessages(
  state: () => AppState,
  window: Pick<CallWindowPort, 'mainWindowInFront' | 'notify'>,
  /** The "Show message text in notifications" setting, read as each message comes. */
  previews: () => boolean,
) {
  /** Per chat: the last message time already told (or already there when the list came). */
  let told: Map<string, number> | null = null;
  return {
    stateChanged(): void {
      const { chat, language } = state();
      const internal = chat?.internal;
      if (!internal) {
        told = null;
        return;
      }
      const first = told === null;
      const seen: Map<string, number> = told ?? new Map();
      told = seen;
      for (const item of internal) {
        const last = item.lastLine;
        if (!last) continue;
        const before = seen.get(item.id);
        seen.set(item.id, last.at);
        if (first || last.mine || item.unread === 0 || (before !== undefined && before >= last.at)) continue;
        if (!window.mainWindowInFront()) window.notify(internalMessageNotification(item, language, previews()));
      }
    },
  };
}
