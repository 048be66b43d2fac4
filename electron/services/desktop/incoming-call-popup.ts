/**
 * When a call rings or a chat is offered while the main window is hidden or behind other
 * windows, a small always-on-top window (and an OS notification) lets the user answer or
 * accept without finding the app. These rules decide when that window opens and closes, and
 * what the call's notification says; Electron's main process and the browser host both follow
 * them. A ringing call comes before a chat offer (the window shows the call first).
 */
import type { CallSnapshot, Language } from '../../../src/shared/domain.ts';
import { wordsFor } from '../../../src/shared/locales/dictionaries.ts';

/** What the window is for: a call's id, or `chat:` and an offered chat's id. */
export type PopupSubject = string;

export const chatSubject = (chatId: string): PopupSubject => `chat:${chatId}`;
export const chatOfSubject = (subject: PopupSubject | null): string | null =>
  subject?.startsWith('chat:') ? subject.slice(5) : null;

export type PopupDecision =
  | { kind: 'open'; subject: PopupSubject }
  /** Open, and now showing another call or offer (it renders the app state). */
  | { kind: 'switch'; subject: PopupSubject }
  | { kind: 'close' }
  | { kind: 'keep' };

export function callPopupDecision(input: {
  calls: readonly CallSnapshot[];
  /** Chats offered to me (manual accept), oldest first. */
  chatOffers?: readonly { id: string }[];
  /** The main window is on screen and has focus: the in-window overlay is enough. */
  mainWindowInFront: boolean;
  /** What the popup was opened for, or null when none is open. */
  popupFor: PopupSubject | null;
}): PopupDecision {
  const ringing = input.calls.find((call) => call.phase === 'incoming');
  const offer = input.chatOffers?.[0];
  const subject = ringing ? ringing.id : offer ? chatSubject(offer.id) : null;
  if (subject === null) return input.popupFor ? { kind: 'close' } : { kind: 'keep' };
  // One popup at a time; it shows whichever call rings or chat waits.
  if (input.popupFor) return subject === input.popupFor ? { kind: 'keep' } : { kind: 'switch', subject };
  return input.mainWindowInFront ? { kind: 'keep' } : { kind: 'open', subject };
}

/** The OS notification for a ringing call, in the UI's language. */
export function incomingCallNotification(call: CallSnapshot, language: Language): { title: string; body: string } {
  const words = wordsFor(language);
  const name = call.remoteName?.trim();
  const caller = name || call.remoteNumber || words.call.unknownCaller;
  return {
    title: words.desktop.incoming.notification.replace('{{caller}}', caller),
    body: call.group
      ? words.agent.viaGroup.replace('{{group}}', call.groupName ? `${call.groupName} (${call.group})` : call.group)
      : name && call.remoteNumber
        ? call.remoteNumber
        : words.desktop.incoming.title,
  };
}
