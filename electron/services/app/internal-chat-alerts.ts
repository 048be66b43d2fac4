/**
 * A colleague's new internal chat message (issue 17) while the main window is not in front shows an OS
 * notification: their name and the first line of the message ("[Image]" for a picture); clicking it
 * brings the window up (CallWindowPort). In front, the list's unread count is enough. What was unread
 * already when the list first came (a sign-in, a restart) is not news. There is no "previews off"
 * setting in the app yet; when one comes, it belongs here.
 */
import type { AppState } from '../../../src/shared/domain.ts';
import type { InternalChatItem } from '../../../src/shared/internal-chat.ts';
import { wordsFor } from '../../../src/shared/locales/dictionaries.ts';
import type { CallWindowPort } from './ports.ts';

const FIRST_LINE_MAX = 100;

export function internalMessageNotification(item: InternalChatItem, language: AppState['language']) {
  const last = item.lastLine!;
  const line = [...(last.text.split('\n')[0] ?? '')];
  const text = line.length > FIRST_LINE_MAX ? `${line.slice(0, FIRST_LINE_MAX).join('')}…` : line.join('');
  return { title: item.peer.name, body: last.image ? wordsFor(language).chat.image.lastLine : text };
}

export function followInternalMessages(
  state: () => AppState,
  window: Pick<CallWindowPort, 'mainWindowInFront' | 'notify'>,
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
        if (!window.mainWindowInFront()) window.notify(internalMessageNotification(item, language));
      }
    },
  };
}
