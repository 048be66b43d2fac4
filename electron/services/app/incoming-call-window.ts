/**
 * Opens and closes the small incoming-call window (for a ringing call or an offered chat) as the
 * state changes, by the rules in desktop/incoming-call-popup.ts. Steps run one at a time, in order:
 * opening a window takes a while in the browser host, and a call may be answered meanwhile. What was
 * answered or accepted there goes on in the main window, which comes up showing it.
 */
import type { AppState } from '../../../src/shared/domain.ts';
import { callWindowSize } from '../../../src/shared/display.ts';
import {
  callPopupDecision,
  chatOfSubject,
  incomingCallNotification,
  type PopupSubject,
} from '../desktop/incoming-call-popup.ts';
import type { Logger } from '../log/logger.ts';
import type { CallWindowPort } from './ports.ts';

export function followRingingCalls(
  state: () => AppState,
  window: CallWindowPort,
  log: Logger,
  /** A chat accepted in the window: the main window is to show it (ChatDeskService.requestShow). */
  showChat: (id: string) => void = () => {},
) {
  let popupFor: PopupSubject | null = null;
  let queue = Promise.resolve();
  let stopped = false;

  const step = async () => {
    if (stopped) return;
    const { calls, chat, language, display } = state();
    const decision = callPopupDecision({
      calls,
      chatOffers: chat?.offers ?? [],
      mainWindowInFront: window.mainWindowInFront(),
      popupFor,
    });
    // Answered or accepted in the window (the ringing call connected, the offered chat open).
    const taken = () => {
      const chatId = chatOfSubject(popupFor);
      if (chatId !== null) return chat?.open.some((c) => c.id === chatId) ?? false;
      return calls.some((c) => c.id === popupFor && c.phase !== 'ended' && c.phase !== 'incoming');
    };
    if (decision.kind === 'open') {
      popupFor = decision.subject;
      const call = calls.find((c) => c.id === decision.subject);
      // A chat's notification is chat-offer-alerts.ts's (one per offer, also without this window).
      if (call) window.notify(incomingCallNotification(call, language));
      await window.open(callWindowSize(display?.textSize ?? 100));
    } else if (decision.kind === 'close' || (decision.kind === 'switch' && taken())) {
      const answered = taken();
      const chatId = chatOfSubject(popupFor);
      popupFor = null;
      await window.close();
      if (answered && chatId !== null) showChat(chatId);
      if (answered) await window.showMainWindow();
    } else if (decision.kind === 'switch') {
      // Declined or gone, and another call or offer waits: the same window shows it (it renders the state).
      popupFor = decision.subject;
    }
  };

  return {
    stateChanged(): void {
      queue = queue.then(step).catch((error: unknown) => log.warn('incoming-call window', { err: error }));
    },
    stop(): void {
      stopped = true;
    },
  };
}
