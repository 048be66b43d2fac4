/**
 * The Chats tab (issue 16). At the phone-sized window: the list, a chat over it, back to the list; the
 * service records (服务记录) over the list, a record over them. From 900 px wide (use-wide-desk.ts) the
 * agent's desk: the list (or the records), the chat and the customer side by side.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatDeskView, ChatItem } from '../../../shared/chat.ts';
import { ChatList } from './ChatList.tsx';
import { ChatRecords } from './ChatRecords.tsx';
import { ConversationView } from './ConversationView.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { InternalChatList } from './InternalChatList.tsx';
import { InternalConversationView } from './InternalConversationView.tsx';
import { useWideDesk } from './use-wide-desk.ts';
import './chat.css';
import './chat-desk-wide.css';

export function ChatsView(props: {
  chat: ChatDeskView;
  /** The signed-in extension (the account's user). */
  myExtension: string;
  shown: string | null;
  onShow: (id: string | null) => void;
}) {
  const { chat, myExtension, shown, onShow } = props;
  const { t } = useTranslation();
  const wide = useWideDesk();
  const [records, setRecords] = useState(false);
  /** The record being read (it is on the desk only if recently ended). */
  const [record, setRecord] = useState<ChatItem | null>(null);
  const started = (id: string) => {
    setRecords(false);
    setRecord(null);
    onShow(id);
  };
  const onDesk = shown === null ? undefined : [...chat.open, ...chat.recent].find((c) => c.id === shown);
  const item = onDesk ?? (record !== null && record.id === shown ? record : undefined);
  // Internal chats with colleagues (issue 17): their own section and view; no customer panel.
  const internal = shown === null ? undefined : chat.internal?.find((c) => c.id === shown);
  const conversation = internal ? (
    <InternalConversationView key={internal.id} item={internal} onBack={() => onShow(null)} onOpen={onShow} />
  ) : (
    item && <ConversationView key={item.id} item={item} onBack={() => onShow(null)} onStarted={started} />
  );
  const side = records ? (
    <ChatRecords
      onBack={() => setRecords(false)}
      onOpen={(found) => {
        setRecord(found);
        onShow(found.id);
      }}
      onStarted={started}
    />
  ) : (
    <>
      <div className="chat-toolbar">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="chat-records-open"
          onClick={() => setRecords(true)}
        >
          {t('chat.records.open')}
        </button>
      </div>
      <ChatList chat={chat} onOpen={onShow} selected={wide ? (item?.id ?? null) : null} />
      <InternalChatList
        chats={chat.internal ?? []}
        myExtension={myExtension}
        onOpen={onShow}
        selected={wide ? (internal?.id ?? null) : null}
      />
    </>
  );
  if (!wide) return conversation ?? side;
  return (
    <div className="chat-desk-wide" data-testid="chat-desk-wide">
      <div className="chat-desk-column chat-desk-list">{side}</div>
      <div className="chat-desk-column chat-desk-main">
        {conversation ?? (
          <p className="chat-desk-pick" data-testid="chat-desk-pick">
            {t('chat.customer.pick')}
          </p>
        )}
      </div>
      <aside className="chat-desk-column chat-desk-customer" aria-label={t('chat.customer.title')}>
        {item && !internal && <CustomerPanel item={item} />}
      </aside>
    </div>
  );
}
