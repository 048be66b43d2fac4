/**
 * A chat offered while the main window is hidden (issue 16): the small always-on-top window shows the
 * visitor, where they came from, the countdown and Accept. Accepted, main closes this window and the
 * main window comes up with the chat; not accepted in time, the offer goes to a colleague and the
 * window closes by itself.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { ChatIcon } from '../../components/icons.tsx';
import { useApi } from '../../state/api-context.ts';
import { useElapsed } from '../../state/use-now.ts';
import { visitorName } from './chat-words.ts';

export function ChatOfferWindow({ offer }: { offer: ChatItem }) {
  const { t } = useTranslation();
  const api = useApi();
  const now = useElapsed(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = visitorName(t, offer);
  const left = offer.offerExpiresAt === null ? null : Math.max(0, Math.ceil((offer.offerExpiresAt - now) / 1000));
  const accept = async () => {
    setBusy(true);
    const result = await api.acceptChat({ id: offer.id });
    // Accepted, this window closes; refused (taken back, lapsed), it says why.
    if (!result.ok) {
      setBusy(false);
      setError(result.error.message);
    }
  };
  return (
    <div
      className="call-window chat-offer-window"
      role="alertdialog"
      aria-labelledby="chat-offer-window-name"
      aria-describedby="chat-offer-window-title"
      data-testid="chat-offer-window"
    >
      <div className="call-window-party">
        <Avatar name={offer.visitorName ?? undefined} />
        <div className="call-window-who">
          <div className="call-window-title" id="chat-offer-window-title">
            {t('chat.offer.windowTitle', { channel: t(`chat.channel.${offer.channel}`) })}
            {left !== null && (
              <span data-testid="chat-offer-window-countdown" data-seconds={left}>
                {` · ${left} s`}
              </span>
            )}
          </div>
          <div className="call-window-name" id="chat-offer-window-name" data-testid="chat-offer-window-name">
            {name}
          </div>
          <div className="call-window-number">
            {offer.transferNote ? t('chat.offer.note', { note: offer.transferNote }) : t('chat.offer.lapseHint')}
          </div>
        </div>
      </div>
      {error && (
        <div className="call-action-error" role="alert">
          {error}
        </div>
      )}
      <div className="call-window-actions">
        <button
          type="button"
          className="btn call-window-answer"
          data-testid="chat-offer-window-accept"
          disabled={busy}
          onClick={() => void accept()}
        >
          <ChatIcon size={18} />
          {t('chat.offer.accept')}
        </button>
      </div>
    </div>
  );
}
