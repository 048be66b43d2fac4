/**
 * One internal chat with a colleague (issue 17): who (with their working status), the history (theirs
 * and mine, text only ever as text, images), my messages' marks (sent, delivered, read), the composer
 * with emoji and images (picker, paste, drag-drop), search in this chat, and Hide (不显示).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, PendingSend } from '../../../shared/chat.ts';
import type { InternalChatItem } from '../../../shared/internal-chat.ts';
import { PresenceLabel } from '../../components/PresenceDot.tsx';
import { clockTime } from '../../format/locale-format.ts';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';
import { Composer } from './Composer.tsx';
import { ImageMessage } from './ImageMessage.tsx';
import { fileOf, useImageSend } from './ImageSend.tsx';
import { InternalSearch } from './InternalSearch.tsx';
import { MessageText } from './MessageText.tsx';
import { sendFailure } from './chat-words.ts';
import { useTranscript } from './use-transcript.ts';

export function InternalConversationView({
  item,
  onBack,
  onOpen,
}: {
  item: InternalChatItem;
  onBack: () => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const transcript = useTranscript(item.id);
  const presence = usePersonPresence(api, item.peer.extension);
  const images = useImageSend(item.id, false);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div
      className="chat-conversation"
      data-testid="internal-conversation"
      data-id={item.id}
      onDragOver={(event) => event.dataTransfer.types.includes('Files') && event.preventDefault()}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        images.offer(fileOf(event.dataTransfer));
      }}
    >
      <header className="chat-conversation-head">
        <button type="button" className="btn btn-ghost btn-small" data-testid="chat-back" onClick={onBack}>
          {t('chat.back')}
        </button>
        <div className="chat-conversation-who">
          <div className="chat-conversation-name" data-testid="internal-peer-name" title={item.peer.name}>
            {item.peer.name}
          </div>
          <div className="chat-conversation-sub">
            {presence ? <PresenceLabel status={presence.status} reason={presence.reason} /> : item.peer.extension}
          </div>
        </div>
        <div className="chat-conversation-actions">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            data-testid="internal-search-here"
            onClick={() => setSearching(true)}
          >
            {t('chat.internal.search.button')}
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            data-testid="internal-hide"
            onClick={() =>
              void api.hideChat({ id: item.id }).then((result) => {
                if (result.ok) onBack();
                else setError(result.error.message);
              })
            }
          >
            {t('chat.hide')}
          </button>
        </div>
      </header>
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      <Messages
        id={item.id}
        messages={transcript?.messages ?? []}
        pending={transcript?.pending ?? []}
        peer={item.peer.name}
        deliveredSeq={item.peerDeliveredSeq}
        readSeq={item.peerReadSeq}
      />
      {images.error && (
        <div className="chat-error" role="alert" data-testid="chat-image-error">
          {images.error}
        </div>
      )}
      {images.dialog}
      <Composer
        id={item.id}
        disabled={false}
        attach={images.attach}
        onPasteFile={(file) => {
          images.clearError();
          images.offer(file);
        }}
      />
      {searching && (
        <InternalSearch
          conversationId={item.id}
          onClose={() => setSearching(false)}
          onOpen={(id) => {
            setSearching(false);
            onOpen(id);
          }}
        />
      )}
    </div>
  );
}

function Messages({
  id,
  messages,
  pending,
  peer,
  deliveredSeq,
  readSeq,
}: {
  id: string;
  messages: ChatMessage[];
  pending: PendingSend[];
  peer: string;
  deliveredSeq: number;
  readSeq: number;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const list = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length, pending.length]);
  const lastMine = messages.findLast((m) => m.mine)?.seq ?? 0;
  /** My message's mark: read, delivered (reached a device of theirs), or sent (stored by the service). */
  const mark = (seq: number) => (seq <= readSeq ? 'read' : seq <= deliveredSeq ? 'delivered' : 'sent');
  return (
    <ol className="chat-messages" ref={list} data-testid="chat-messages" aria-live="polite">
      {messages.map((message) => (
        <li
          key={message.seq}
          className={`chat-line chat-line-${message.mine ? 'mine' : 'theirs'}`}
          data-testid="chat-line"
          data-sender={message.mine ? 'me' : 'colleague'}
          data-seq={message.seq}
        >
          {message.kind === 'image' && message.image ? (
            <ImageMessage
              chatId={id}
              imageId={message.image.id}
              alt={t('chat.image.alt', { name: message.mine ? t('chat.image.me') : peer })}
            />
          ) : (
            <span className="chat-bubble">
              <MessageText text={message.body} />
            </span>
          )}
          <span className="chat-line-time">
            {clockTime(message.createdAt, i18n.language)}
            {message.mine && message.seq === lastMine && (
              <span className="chat-mark" data-testid="internal-mark" data-mark={mark(message.seq)}>
                {' · '}
                {t(`chat.internal.mark.${mark(message.seq)}`)}
              </span>
            )}
          </span>
        </li>
      ))}
      {pending.map((send) => (
        <li
          key={send.clientId}
          className="chat-line chat-line-mine chat-line-pending"
          data-testid="chat-line"
          data-sender="pending"
        >
          <span className="chat-bubble">{send.image ? t('chat.image.placeholder') : send.text}</span>
          <span className="chat-line-time">
            {send.failed === null ? t('chat.sending') : sendFailure(t, send.failed)}
            {send.failed !== null && send.failed !== 'server-unreachable' && (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => void api.discardChatSend({ id, clientId: send.clientId })}
              >
                {t('chat.discard')}
              </button>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
