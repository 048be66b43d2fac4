/**
 * Opens and closes the small incoming-call window as the state changes, by the rules in
 * desktop/incoming-call-popup.ts. Steps run one at a time, in order: opening a window takes a
 * while in the browser host, and a call may be answered meanwhile.
 */
import type { AppState } from '../../../src/shared/domain.ts';
import { callWindowSize } from '../../../src/shared/display.ts';
import { callPopupDecision, incomingCallNotification } from '../desktop/incoming-call-popup.ts';
import type { Logger } from '../log/logger.ts';
import type { CallWindowPort } from './ports.ts';

export function followRingingCalls(state: () => AppState, window: CallWindowPort, log: Logger) {
  let popupFor: string | null = null;
  let queue = Promise.resolve();
  let stopped = false;

  const step = async () => {
    if (stopped) return;
    const { calls, language, display } = state();
    const decision = callPopupDecision({ calls, mainWindowInFront: window.mainWindowInFront(), popupFor });
    if (decision.kind === 'open') {
      popupFor = decision.callId;
      const call = calls.find((c) => c.id === decision.callId);
      if (call) window.notify(incomingCallNotification(call, language));
      await window.open(callWindowSize(display?.textSize ?? 100));
    } else if (decision.kind === 'close') {
      const answered = calls.some((c) => c.id === popupFor && c.phase !== 'ended');
      popupFor = null;
      await window.close();
      if (answered) await window.showMainWindow();
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
