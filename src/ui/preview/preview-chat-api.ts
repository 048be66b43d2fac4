/**
 * PREVIEW ONLY. The Chats tab's verbs of the preview's SwitchboardApi (preview-api.ts): accepting, sending,
 * ending and hiding change the sample desk the way main would, so clicking around a chat preview behaves.
 */
import type { ChatDeskView, ChatGroup, ChatTranscript } from '../../shared/chat.ts';
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
  | 'sendChatImage'
  | 'getChatImage'
  | 'sendChatSurvey'
>;

export function previewChatVerbs(
  sample: { transcripts: Record<string, ChatTranscript>; groups: ChatGroup[] } | undefined,
  desk: () => ChatDeskView | undefined,
  setDesk: (chat: ChatDeskView) => void,
  emit: <E extends UiEvent>(event: E, payload: UiEventPayload<E>) => void,
): ChatVerbs {
  const transcripts = structuredClone(sample?.transcripts ?? {});
  const setChat = (patch: (chat: ChatDeskView) => ChatDeskView) => {
    const chat = desk();
    if (chat) setDesk(patch(chat));
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
