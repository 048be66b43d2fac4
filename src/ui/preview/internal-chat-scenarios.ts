/**
 * PREVIEW ONLY. Internal chats with colleagues (issue 17) in the Chats tab's sample desk: one with unread
 * messages, one where my last message was read, one with a picture each way; colleagues of agent-scenarios.ts.
 */
import type { ChatDeskView, ChatMessage, ChatTranscript } from '../../shared/chat.ts';
import type { InternalChatItem } from '../../shared/internal-chat.ts';

export const INTERNAL_ID = {
  lina: 'ZiLiNaInTeRnAl00000001',
  zhao: 'ZiZhAoInTeRnAl00000002',
  wang: 'ZiWaNgInTeRnAl00000003',
};

function said(seq: number, mine: boolean, body: string, at: number): ChatMessage {
  return {
    seq,
    sender: 'agent',
    authorName: mine ? '张伟' : null,
    clientId: mine ? `i-${seq}` : null,
    kind: 'text',
    event: null,
    body,
    createdAt: at,
    mine,
  };
}

/** The sample desk with its internal section, and the transcripts of those chats. */
export function withInternalChats(
  chat: ChatDeskView,
  transcripts: Record<string, ChatTranscript>,
  now: number,
): { chat: ChatDeskView; transcripts: Record<string, ChatTranscript> } {
  const lina = [
    said(1, true, '娜娜，王先生的退货申请你看过了吗？', now - 1_900_000),
    said(2, false, '看过了，已经批准 👍', now - 1_800_000),
    said(3, false, '物流单号我稍后发你，查件：https://www.sf-express.com/track?no=SF1234567890。', now - 240_000),
    said(4, false, '<b>SF1234567890</b> 顺丰，明天上午取件', now - 60_000),
  ];
  const zhao = [
    said(1, false, 'Can you cover my queue 14:00–15:00?', now - 7_200_000),
    said(2, true, 'Sure, I will switch to the sales group then.', now - 7_000_000),
  ];
  const wang = [
    said(1, false, '新的价目表', now - 90_000_000),
    {
      ...said(2, false, '', now - 89_990_000),
      kind: 'image' as const,
      image: { id: 'PreviewParcelPhoto0001', mime: 'image/png' as const, size: 48_213 },
    },
    said(3, true, '收到，谢谢！', now - 89_900_000),
  ];
  const item = (
    id: string,
    peer: InternalChatItem['peer'],
    lines: ChatMessage[],
    patch: Partial<InternalChatItem>,
  ): InternalChatItem => {
    const last = lines.at(-1)!;
    return {
      id,
      peer,
      unread: 0,
      peerDeliveredSeq: lines.length,
      peerReadSeq: lines.length,
      lastLine: { mine: last.mine === true, text: last.body, image: last.kind === 'image', at: last.createdAt },
      ...patch,
    };
  };
  return {
    chat: {
      ...chat,
      internal: [
        item(INTERNAL_ID.lina, { personId: 2, name: '李娜', extension: '2002' }, lina, {
          unread: 2,
          peerReadSeq: 1,
        }),
        item(INTERNAL_ID.zhao, { personId: 7, name: '赵磊', extension: '2102' }, zhao, {}),
        item(INTERNAL_ID.wang, { personId: 3, name: '王芳', extension: '2003' }, wang, { peerReadSeq: 2 }),
      ],
    },
    transcripts: {
      ...transcripts,
      [INTERNAL_ID.lina]: { conversationId: INTERNAL_ID.lina, messages: lina, pending: [] },
      [INTERNAL_ID.zhao]: { conversationId: INTERNAL_ID.zhao, messages: zhao, pending: [] },
      [INTERNAL_ID.wang]: { conversationId: INTERNAL_ID.wang, messages: wang, pending: [] },
    },
  };
}
