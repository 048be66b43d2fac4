/**
 * Internal chats with colleagues (issue 17), their own section of the Chats tab: a row per colleague
 * (presence dot from their working status, last line, unread count), "New chat" and search across chats.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InternalChatItem } from '../../../shared/internal-chat.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { PresenceDot } from '../../components/PresenceDot.tsx';
import { clockTime } from '../../format/locale-format.ts';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';
import { InternalSearch } from './InternalSearch.tsx';
import { NewInternalChat } from './NewInternalChat.tsx';
import './internal-chat.css';

export function InternalChatList({
  chats,
  myExtension,
  onOpen,
  selected,
}: {
  chats: InternalChatItem[];
  /** Mine, so "New chat" leaves me out. */
  myExtension: string;
  onOpen: (id: string) => void;
  selected: string | null;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'new' | 'search' | null>(null);
  return (
    <section className="chat-internal" data-testid="internal-chats" aria-labelledby="internal-chats-title">
      <div className="chat-internal-head">
        <h2 className="chat-section-title" id="internal-chats-title">
          {t('chat.internal.title')}
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="internal-search-open"
          onClick={() => setDialog('search')}
        >
          {t('chat.internal.search.button')}
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          data-testid="internal-new"
          onClick={() => setDialog('new')}
        >
          {t('chat.internal.new.button')}
        </button>
      </div>
      {chats.length === 0 ? (
        <p className="chat-empty" data-testid="internal-empty">
          {t('chat.internal.none')}
        </p>
      ) : (
        <ul className="chat-items">
          {chats.map((item) => (
            <li key={item.id}>
              <InternalRow item={item} onOpen={onOpen} selected={item.id === selected} />
            </li>
          ))}
        </ul>
      )}
      {dialog === 'new' && (
        <NewInternalChat
          myExtension={myExtension}
          onClose={() => setDialog(null)}
          onStarted={(id) => {
            setDialog(null);
            onOpen(id);
          }}
        />
      )}
      {dialog === 'search' && (
        <InternalSearch
          conversationId={null}
          onClose={() => setDialog(null)}
          onOpen={(id) => {
            setDialog(null);
            onOpen(id);
          }}
        />
      )}
    </section>
  );
}

function InternalRow({
  item,
  onOpen,
  selected,
}: {
  item: InternalChatItem;
  onOpen: (id: string) => void;
  selected: boolean;
}) {
  const { t, i18n } = useTranslation();
  const presence = usePersonPresence(useApi(), item.peer.extension);
  const last = item.lastLine;
  const text = last ? (last.image ? t('chat.image.lastLine') : last.text) : '';
  return (
    <button
      type="button"
      className="chat-row"
      data-testid="internal-row"
      data-id={item.id}
      data-extension={item.peer.extension}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(item.id)}
    >
      <span className="avatar-with-dot">
        <Avatar name={item.peer.name} />
        <PresenceDot status={presence?.status} />
      </span>
      <span className="chat-row-main">
        <span className="chat-row-name">{item.peer.name}</span>
        <span className="chat-row-last" data-testid="internal-row-last">
          {last?.mine ? t('chat.you', { text }) : text}
        </span>
      </span>
      <span className="chat-row-side">
        <span className="chat-row-time">{last && clockTime(last.at, i18n.language)}</span>
        {item.unread > 0 && (
          <span
            className="chat-unread"
            data-testid="internal-unread"
            aria-label={t('chat.unread', { count: item.unread })}
          >
            {item.unread > 99 ? '99+' : item.unread}
          </span>
        )}
      </span>
    </button>
  );
}
