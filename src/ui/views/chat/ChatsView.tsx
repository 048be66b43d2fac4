/**
 * The Chats tab (issue 16) at the phone-sized window: the list, a chat over it, back to the list; the
 * service records (服务记录) over the list, a record over them, back to the records.
 * The wide side-by-side desk is for later.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatDeskView, ChatItem } from '../../../shared/chat.ts';
import { ChatList } from './ChatList.tsx';
import { ChatRecords } from './ChatRecords.tsx';
import { ConversationView } from './ConversationView.tsx';
import './chat.css';

export function ChatsView(props: { chat: ChatDeskView; shown: string | null; onShow: (id: string | null) => void }) {
  const { chat, shown, onShow } = props;
  const { t } = useTranslation();
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
  if (item) {
    return <ConversationView key={item.id} item={item} onBack={() => onShow(null)} onStarted={started} />;
  }
  if (records) {
    return (
      <ChatRecords
        onBack={() => setRecords(false)}
        onOpen={(found) => {
          setRecord(found);
          onShow(found.id);
        }}
        onStarted={started}
      />
    );
  }
  return (
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
      <ChatList chat={chat} onOpen={onShow} />
    </>
  );
}
