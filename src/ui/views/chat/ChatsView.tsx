/**
 * The Chats tab (issue 16) at the phone-sized window: the list, a chat over it, back to the list.
 * The wide side-by-side desk is for later.
 */
import type { ChatDeskView } from '../../../shared/chat.ts';
import { ChatList } from './ChatList.tsx';
import { ConversationView } from './ConversationView.tsx';
import './chat.css';

export function ChatsView(props: { chat: ChatDeskView; shown: string | null; onShow: (id: string | null) => void }) {
  const { chat, shown, onShow } = props;
  const item = shown === null ? undefined : [...chat.open, ...chat.recent].find((c) => c.id === shown);
  if (item) return <ConversationView key={item.id} item={item} onBack={() => onShow(null)} />;
  return <ChatList chat={chat} onOpen={onShow} />;
}
