/** My chats: the open ones (unread count, last line, how long the visitor has waited), then recently ended ones. */
import { useTranslation } from 'react-i18next';
import type { ChatDeskView, ChatItem } from '../../../shared/chat.ts';
import { clockTime, talkDuration } from '../../format/locale-format.ts';
import { useElapsed } from '../../state/use-now.ts';
import { systemLine, visitorName } from './chat-words.ts';

export function ChatList({
  chat,
  onOpen,
  selected = null,
}: {
  chat: ChatDeskView;
  onOpen: (id: string) => void;
  /** The chat shown beside the list (the wide desk). */
  selected?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="chat-list-view" data-testid="chat-list">
      {chat.connection !== 'live' && (
        <div className="chat-connection" role="status" data-testid="chat-connection" data-connection={chat.connection}>
          {t(chat.connection === 'connecting' ? 'chat.connecting' : 'chat.offline')}
        </div>
      )}
      <h2 className="chat-section-title">{t('chat.open', { count: chat.open.length })}</h2>
      {chat.open.length === 0 ? (
        <p className="chat-empty" data-testid="chat-empty">
          {t('chat.none')}
        </p>
      ) : (
        <ul className="chat-items">
          {chat.open.map((item) => (
            <li key={item.id}>
              <ChatRow item={item} onOpen={onOpen} selected={item.id === selected} />
            </li>
          ))}
        </ul>
      )}
      {chat.recent.length > 0 && (
        <>
          <h2 className="chat-section-title">{t('chat.recent')}</h2>
          <ul className="chat-items chat-items-ended">
            {chat.recent.map((item) => (
              <li key={item.id}>
                <ChatRow item={item} onOpen={onOpen} selected={item.id === selected} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ChatRow({ item, onOpen, selected }: { item: ChatItem; onOpen: (id: string) => void; selected: boolean }) {
  const { t, i18n } = useTranslation();
  const name = visitorName(t, item);
  const last = item.lastLine;
  const text = last?.image ? t('chat.image.lastLine') : (last?.text ?? '');
  const preview = last
    ? last.sender === 'system'
      ? systemLine(t, { event: last.event, body: last.text })
      : last.sender === 'agent'
        ? t('chat.you', { text })
        : text
    : '';
  return (
    <button
      type="button"
      className="chat-row"
      data-testid="chat-row"
      data-id={item.id}
      data-state={item.state}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(item.id)}
    >
      <span className="chat-row-main">
        <span className="chat-row-name">{name}</span>
        <span className="chat-row-last" data-testid="chat-row-last">
          {preview}
        </span>
      </span>
      <span className="chat-row-side">
        {item.state === 'ended' ? (
          <span className="chat-row-time">{item.endedAt !== null && clockTime(item.endedAt, i18n.language)}</span>
        ) : item.waitingSince !== null ? (
          <Waiting since={item.waitingSince} />
        ) : (
          <span className="chat-row-time">{last && clockTime(last.at, i18n.language)}</span>
        )}
        {item.unread > 0 && (
          <span className="chat-unread" data-testid="chat-unread" aria-label={t('chat.unread', { count: item.unread })}>
            {item.unread > 99 ? '99+' : item.unread}
          </span>
        )}
      </span>
    </button>
  );
}

/** How long the visitor has waited for our answer, growing each second. */
function Waiting({ since }: { since: number }) {
  const { t, i18n } = useTranslation();
  const elapsed = useElapsed(since);
  return (
    <span className="chat-row-waiting" data-testid="chat-waiting">
      {t('chat.waiting', { time: talkDuration(Math.max(0, Math.floor(elapsed / 1000)), i18n.language) })}
    </span>
  );
}
