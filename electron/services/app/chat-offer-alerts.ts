/**
 * A chat offered rings (the engine's call ring, on the ringer device) for as long as an offer waits,
 * in front or not. While the main window is not in front (hidden in the tray, minimized or behind other
 * windows) it also shows an OS notification once per offer; clicking it brings the window up
 * (CallWindowPort). The small offer window is incoming-call-window.ts's, which opens for calls and offers.
 */
import type { AppState } from '../../../src/shared/domain.ts';
import { chatOfferNotification } from '../desktop/chat-offer-notification.ts';
import type { CallWindowPort } from './ports.ts';

export function followChatOffers(
  state: () => AppState,
  window: Pick<CallWindowPort, 'mainWindowInFront' | 'notify'>,
  /** Starts or stops the ring; told only of changes. */
  ring: (ringing: boolean) => void,
  /** The "Show message text in notifications" setting (the colleague's transfer note is such text). */
  previews: () => boolean,
) {
  const told = new Set<string>();
  let ringing = false;
  return {
    stateChanged(): void {
      const { chat, language } = state();
      const offers = chat?.offers ?? [];
      if (ringing !== offers.length > 0) {
        ringing = offers.length > 0;
        ring(ringing);
      }
      const now = new Set(offers.map((o) => o.id));
      // An offer that went (accepted, lapsed, withdrawn) may come back later: then it is news again.
      for (const id of told) if (!now.has(id)) told.delete(id);
      for (const offer of offers) {
        if (told.has(offer.id)) continue;
        told.add(offer.id);
        if (!window.mainWindowInFront()) window.notify(chatOfferNotification(offer, language, previews()));
      }
    },
  };
}
