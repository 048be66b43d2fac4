/**
 * Tells a screen reader that a chat is offered, wherever focus is, as CallAnnouncer does for a ringing
 * call: a live region always in the page that gets the newest offer's visitor. The offer bar itself is not
 * a live region, so its ticking countdown is not read out every second.
 */
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { visitorName } from './chat-words.ts';

export function ChatOfferAnnouncer({ offers }: { offers: ChatItem[] }) {
  const { t } = useTranslation();
  const newest = offers.reduce<ChatItem | undefined>(
    (latest, offer) => (!latest || offer.enteredAt > latest.enteredAt ? offer : latest),
    undefined,
  );
  return (
    <div className="visually-hidden" role="status" aria-live="assertive" data-testid="chat-offer-announcer">
      {newest ? t('chat.offer.title', { name: visitorName(t, newest) }) : ''}
    </div>
  );
}
