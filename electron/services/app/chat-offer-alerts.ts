/**
 * A chat offered while the main window is not in front (hidden in the tray, minimized or behind other
 * windows) shows an OS notification once per offer; clicking it brings the window up (CallWindowPort).
 * In front, the ringing bar in the window is enough.
 */
import type { AppState } from '../../../src/shared/domain.ts';
import { chatOfferNotification } from '../desktop/chat-offer-notification.ts';
import type { CallWindowPort } from './ports.ts';

export function followChatOffers(state: () => AppState, window: Pick<CallWindowPort, 'mainWindowInFront' | 'notify'>) {
  const told = new Set<string>();
  return {
    stateChanged(): void {
      const { chat, language } = state();
      const offers = chat?.offers ?? [];
      const now = new Set(offers.map((o) => o.id));
      // An offer that went (accepted, lapsed, withdrawn) may come back later: then it is news again.
      for (const id of told) if (!now.has(id)) told.delete(id);
      for (const offer of offers) {
        if (told.has(offer.id)) continue;
        told.add(offer.id);
        if (!window.mainWindowInFront()) window.notify(chatOfferNotification(offer, language));
      }
    },
  };
}
