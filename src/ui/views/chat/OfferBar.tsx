/**
 * A chat offered to me (manual accept): it rings on every tab with the visitor, the countdown the
 * company gives (30 s by default) and Accept (接待). Auto-accept never shows it: the chat just opens.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { useApi } from '../../state/api-context.ts';
import { useElapsed } from '../../state/use-now.ts';
import { visitorName } from './chat-words.ts';
import './chat.css';

export function OfferBar({ offers, onAccepted }: { offers: ChatItem[]; onAccepted: (id: string) => void }) {
  if (offers.length === 0) return null;
  return (
    <div className="chat-offers" data-testid="chat-offers">
      {offers.map((offer) => (
        <Offer key={offer.id} offer={offer} onAccepted={onAccepted} />
      ))}
    </div>
  );
}

function Offer({ offer, onAccepted }: { offer: ChatItem; onAccepted: (id: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const now = useElapsed(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const left = offer.offerExpiresAt === null ? null : Math.max(0, Math.ceil((offer.offerExpiresAt - now) / 1000));
  const total =
    offer.offerExpiresAt === null ? null : Math.max(1, Math.round((offer.offerExpiresAt - offer.enteredAt) / 1000));
  const accept = async () => {
    setBusy(true);
    const result = await api.acceptChat({ id: offer.id });
    setBusy(false);
    if (result.ok) onAccepted(offer.id);
    else setError(result.error.message);
  };
  return (
    // A group named by its title, not a live region: ChatOfferAnnouncer says it once, the countdown is not read out.
    <div
      className="chat-offer"
      role="group"
      aria-labelledby={`chat-offer-title-${offer.id}`}
      data-testid="chat-offer"
      data-id={offer.id}
    >
      <div className="chat-offer-text">
        <div className="chat-offer-title" id={`chat-offer-title-${offer.id}`}>
          {t('chat.offer.title', { name: visitorName(t, offer) })}
        </div>
        {offer.transferNote && (
          <div className="chat-offer-note" data-testid="chat-offer-note">
            {t('chat.offer.note', { note: offer.transferNote })}
          </div>
        )}
        {left !== null && (
          <div className="chat-offer-countdown" data-testid="chat-offer-countdown" data-seconds={left}>
            {t('chat.offer.countdown', { count: left })}
            {total !== null && (
              <span
                className="chat-offer-bar"
                style={{ width: `${Math.min(100, (left / total) * 100)}%` }}
                aria-hidden="true"
              />
            )}
          </div>
        )}
        {error && (
          <div className="chat-error" role="alert">
            {error}
          </div>
        )}
      </div>
      <button
        type="button"
        className="btn btn-primary btn-small"
        data-testid="chat-accept"
        disabled={busy}
        onClick={() => void accept()}
      >
        {t('chat.offer.accept')}
      </button>
    </div>
  );
}
