/**
 * PREVIEW ONLY. The internal chat verbs (issue 17) of the preview's SwitchboardApi: "Message" opens the
 * sample chat with that colleague (or a new empty one), search looks through the sample transcripts.
 */
import type { ChatDeskView, ChatTranscript } from '../../shared/chat.ts';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';
import type { DirectoryPerson } from '../../shared/directory.ts';
import { ok } from './preview-ok.ts';

export function previewInternalChatVerbs(
  transcripts: Record<string, ChatTranscript>,
  people: DirectoryPerson[],
  desk: () => ChatDeskView | undefined,
  setDesk: (chat: ChatDeskView) => void,
): Pick<SwitchboardApi, 'startInternalChat' | 'searchInternalChats'> {
  return {
    startInternalChat: ({ personId }) => {
      const chat = desk();
      const found = chat?.internal?.find((c) => c.peer.personId === personId);
      if (found || !chat) return ok({ id: found?.id ?? 'ZiNeWiNtErNaL000000000' });
      const person = people.find((p) => p.id === personId);
      const id = `ZiNeW${String(personId).padStart(17, '0')}`;
      setDesk({
        ...chat,
        internal: [
          {
            id,
            peer: { personId, name: person?.name ?? '', extension: person?.extension ?? '' },
            unread: 0,
            peerDeliveredSeq: 0,
            peerReadSeq: 0,
            lastLine: null,
          },
          ...(chat.internal ?? []),
        ],
      });
      return ok({ id });
    },
    searchInternalChats: ({ q, id }) => {
      const chats = desk()?.internal ?? [];
      const hits = chats
        .filter((c) => id === null || c.id === id)
        .flatMap((c) =>
          (transcripts[c.id]?.messages ?? [])
            .filter((m) => m.kind === 'text' && m.body.toLowerCase().includes(q.toLowerCase()))
            .map((m) => ({
              conversationId: c.id,
              peerName: c.peer.name,
              seq: m.seq,
              authorName: m.mine ? '张伟' : c.peer.name,
              body: m.body,
              createdAt: m.createdAt,
            })),
        );
      return ok(hits.sort((a, b) => b.createdAt - a.createdAt));
    },
  };
}
