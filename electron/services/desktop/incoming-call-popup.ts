/**
 * When a call rings while the main window is hidden or behind other windows, a small
 * always-on-top call window (and an OS notification) lets the user answer without
 * finding the app. These rules decide when that window opens and closes, and what the
 * notification says; Electron's main process and the browser host both follow them.
 */
import type { CallSnapshot, Language } from '../../../src/shared/domain.ts';
import { wordsFor } from '../../../src/shared/locales/dictionaries.ts';

export type PopupDecision = { kind: 'open'; callId: string } | { kind: 'close' } | { kind: 'keep' };

export function callPopupDecision(input: {
  calls: readonly CallSnapshot[];
  /** The main window is on screen and has focus: the in-window overlay is enough. */
  mainWindowInFront: boolean;
  /** The call the popup was opened for, or null when none is open. */
  popupFor: string | null;
}): PopupDecision {
  const ringing = input.calls.find((call) => call.phase === 'incoming');
  if (!ringing) return input.popupFor ? { kind: 'close' } : { kind: 'keep' };
  // One popup at a time; it shows whichever call rings (it renders the app state).
  if (input.popupFor) return { kind: 'keep' };
  return input.mainWindowInFront ? { kind: 'keep' } : { kind: 'open', callId: ringing.id };
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
