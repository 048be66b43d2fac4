/**
 * PREVIEW ONLY. The Chats tab's verbs of the preview's SwitchboardApi (preview-api.ts): accepting, sending,
 * ending and hiding change the sample desk the way main would, so clicking around a chat preview behaves.
 */
import type { ChatDeskView, ChatGroup, ChatItem, ChatOrder, ChatTranscript } from '../../shared/chat.ts';
import type { SwitchboardApi, UiEvent, UiEventPayload } from '../../shared/ipc/contract.ts';
import { previewImage } from './preview-chat-images.ts';
import { ok } from './preview-ok.ts';

type ChatVerbs = Pick<
  SwitchboardApi,
  | 'openChat'
  | 'sendChatMessage'
  | 'discardChatSend'
  | 'acceptChat'
  | 'endChat'
  | 'hideChat'
  | 'transferChat'
  | 'listChatGroups'
  | 'searchChatRecords'
  | 'reopenChat'
  | 'contactChatUser'
  | 'getChatContext'
  | 'sendChatImage'
  | 'getChatImage'
  | 'sendChatSurvey'
>;

export function previewChatVerbs(
  sample:
    | {
        transcripts: Record<string, ChatTranscript>;
        groups: ChatGroup[];
        records?: ChatItem[];
        orders?: ChatOrder[];
        /** false: the company set no customer-context endpoint. */
        contextConfigured?: boolean;
      }
    | undefined,
  desk: () => ChatDeskView | undefined,
  setDesk: (chat: ChatDeskView) => void,
  emit: <E extends UiEvent>(event: E, payload: UiEventPayload<E>) => void,
): ChatVerbs {
  const transcripts = structuredClone(sample?.transcripts ?? {});
  const setChat = (patch: (chat: ChatDeskView) => ChatDeskView) => {
    const chat = desk();
    if (chat) setDesk(patch(chat));
  };
  /** 重新会话 in the preview: the record comes back as an open chat with a new id. */
  const reopen = (id: string) => {
    const record = sample?.records?.find((r) => r.id === id);
    const newId = `${id.slice(0, 20)}RO`;
    if (record) {
      const now = Date.now();
      const reopened: ChatItem = {
        ...record,
        id: newId,
        state: 'open',
        enteredAt: now,
        agentJoinedAt: now,
        endedAt: null,
        endReason: null,
        lastLine: null,
      };
      transcripts[newId] = { conversationId: newId, messages: [], pending: [] };
      setChat((chat) => ({ ...chat, open: [...chat.open, reopened] }));
    }
    return newId;
  };
  return {
    openChat: ({ id }) => {
      if (id === null) return ok(null);
      setChat((chat) => ({ ...chat, open: chat.open.map((c) => (c.id === id ? { ...c, unread: 0 } : c)) }));
      return ok(transcripts[id] ?? { conversationId: id, messages: [], pending: [] });
    },
    sendChatMessage: ({ id, text }) => {
      const transcript = (transcripts[id] ??= { conversationId: id, messages: [], pending: [] });
      const seq = (transcript.messages.at(-1)?.seq ?? 0) + 1;
      transcript.messages = [
        ...transcript.messages,
        {
          seq,
          sender: 'agent',
          authorName: null,
          clientId: `p-${seq}`,
          kind: 'text',
          event: null,
          body: text,
          createdAt: Date.now(),
        },
      ];
      emit('chatTranscript', structuredClone(transcript));
      return ok(undefined);
    },
    discardChatSend: () => ok(undefined),
    acceptChat: ({ id }) => {
      setChat((chat) => ({
        ...chat,
        offers: chat.offers.filter((c) => c.id !== id),
        open: [...chat.open, ...chat.offers.filter((c) => c.id === id).map((c) => ({ ...c, state: 'open' as const }))],
      }));
      return ok(undefined);
    },
    endChat: ({ id }) => {
      setChat((chat) => ({
        ...chat,
        open: chat.open.filter((c) => c.id !== id),
        recent: [
          ...chat.open
            .filter((c) => c.id === id)
            .map((c) => ({ ...c, state: 'ended' as const, endReason: 'agent' as const, endedAt: Date.now() })),
          ...chat.recent,
        ],
      }));
      return ok(undefined);
    },
    hideChat: ({ id }) => {
      setChat((chat) => ({ ...chat, recent: chat.recent.filter((c) => c.id !== id) }));
      return ok(undefined);
    },
    transferChat: ({ id }) => {
      setChat((chat) => ({ ...chat, open: chat.open.filter((c) => c.id !== id) }));
      return ok(undefined);
    },
    listChatGroups: () => ok(sample?.groups ?? []),
    searchChatRecords: ({ q, beforeId, limit }) => {
      const text = q?.trim().toLowerCase() ?? '';
      const found = (sample?.records ?? []).filter((r) =>
        [r.visitorName, r.siteUserId, r.visitorTag].some((v) => v?.toLowerCase().includes(text)),
      );
      // Keyset paging as the service pages: the records after the last one shown.
      const from = beforeId === undefined ? 0 : found.findIndex((r) => r.id === beforeId) + 1;
      return ok(found.slice(from, from + (limit ?? 50)));
    },
    reopenChat: ({ id }) => ok({ id: reopen(id) }),
    getChatContext: ({ id, cursor }) => {
      const chat = desk();
      const item = [...(chat?.open ?? []), ...(chat?.recent ?? []), ...(sample?.records ?? [])].find(
        (c) => c.id === id,
      );
      if (!item?.siteUserId) return ok({ customer: null, orders: [], nextCursor: null, configured: true });
      if (sample?.contextConfigured === false)
        return ok({ customer: null, orders: [], nextCursor: null, configured: false });
      const from = cursor === null ? 0 : Number(cursor);
      const all = sample?.orders ?? [];
      return ok({
        customer: { userId: item.siteUserId, nickname: item.visitorName, level: 'VIP 2' },
        orders: all.slice(from, from + 3),
        nextCursor: from + 3 < all.length ? String(from + 3) : null,
        configured: true,
      });
    },
    contactChatUser: ({ userId }) => {
      const record = sample?.records?.find((r) => r.siteUserId === userId);
      if (record) return ok({ id: reopen(record.id) });
      return Promise.resolve({
        ok: false,
        error: { code: 'failed', message: `No customer with user id ${userId} has chatted with your company` },
      });
    },
    sendChatImage: ({ id }) => {
      const transcript = (transcripts[id] ??= { conversationId: id, messages: [], pending: [] });
      const seq = (transcript.messages.at(-1)?.seq ?? 0) + 1;
      transcript.messages = [
        ...transcript.messages,
        {
          seq,
          sender: 'agent',
          authorName: null,
          clientId: `p-${seq}`,
          kind: 'image',
          event: null,
          body: '',
          image: { id: `PreviewSentImage${String(seq).padStart(5, '0')}W`, mime: 'image/png', size: 1000 },
          createdAt: Date.now(),
        },
      ];
      emit('chatTranscript', structuredClone(transcript));
      return ok(undefined);
    },
    getChatImage: ({ imageId }) => ok({ dataUrl: previewImage(imageId) }),
    sendChatSurvey: ({ id }) => {
      const survey = { state: 'sent' as const, sentAt: Date.now() };
      setChat((chat) => ({ ...chat, open: chat.open.map((c) => (c.id === id ? { ...c, survey } : c)) }));
      return ok(undefined);
    },
  };
}
