/**
 * PREVIEW ONLY. The Chats tab (issue 16): a number-signed-in agent with an offer ringing, open chats
 * (one with unread messages and a waiting visitor, one with HTML in it that must show as text),
 * and a recently ended one.
 */
import type { ChatDeskView, ChatItem, ChatMessage, ChatOrder, ChatTranscript } from '../../shared/chat.ts';
import type { AppState, CallSnapshot } from '../../shared/domain.ts';
import { agentScenario } from './agent-scenarios.ts';
import { withInternalChats } from './internal-chat-scenarios.ts';
import type { PreviewScenario } from './preview-api.ts';

const ID = {
  mei: 'Zx1mEiChAt00000000000A',
  anon: 'Zx2aNoNchAt0000000000B',
  ended: 'Zx3eNdEdcHaT000000000C',
  record: 'Zx5rEcOrD0000000000000',
};
/** Image ids of preview-chat-images.ts (ending in W: the wide screenshot). */
const PICTURE = { parcel: 'PreviewParcelPhoto0001', screen: 'PreviewScreenShot0002W' };

function item(now: number, patch: Partial<ChatItem> & Pick<ChatItem, 'id'>): ChatItem {
  return {
    state: 'open',
    visitorName: null,
    visitorTag: '3FA9C1',
    siteUserId: null,
    channel: 'web',
    enteredAt: now - 300_000,
    agentJoinedAt: now - 290_000,
    endedAt: null,
    endReason: null,
    offerExpiresAt: null,
    transferNote: null,
    unread: 0,
    lastLine: null,
    waitingSince: null,
    ...patch,
  };
}

function line(
  seq: number,
  sender: ChatMessage['sender'],
  body: string,
  at: number,
  event: ChatMessage['event'] = null,
) {
  return {
    seq,
    sender,
    authorName: sender === 'agent' ? '张伟' : null,
    clientId: null,
    kind: sender === 'system' ? 'system' : 'text',
    event,
    body,
    createdAt: at,
  } satisfies ChatMessage;
}

export function chatScenario(name: string, s: AppState, now: number, call: CallSnapshot): PreviewScenario | null {
  if (!name.startsWith('chat-')) return null;
  const base = agentScenario('agent-available', s, now, call)!;
  const meiLines: ChatMessage[] = [
    line(1, 'system', '张伟', now - 290_000, 'agent-joined'),
    line(2, 'visitor', '你好，我的订单 #20261207 还没有发货', now - 280_000),
    line(3, 'agent', '您好！我来帮您查一下，请稍等。', now - 250_000),
    line(4, 'visitor', '好的，谢谢 🙏', now - 95_000),
    line(5, 'visitor', '大概什么时候能到？\n我周五要用', now - 70_000),
  ];
  // chat-media: the same chat with a picture each way and the satisfaction survey sent (and answered on the ended one).
  const media = name === 'chat-media';
  if (media) {
    meiLines.push(
      {
        ...line(6, 'visitor', '', now - 60_000),
        kind: 'image',
        image: { id: PICTURE.parcel, mime: 'image/png', size: 48_213 },
      },
      {
        ...line(7, 'agent', '', now - 40_000),
        kind: 'image',
        image: { id: PICTURE.screen, mime: 'image/png', size: 91_004 },
      },
      line(8, 'agent', '这是物流页面的截图，预计周四送达。', now - 35_000),
      line(9, 'system', '', now - 20_000, 'survey-sent'),
    );
  }
  const anonLines = [
    line(1, 'system', '张伟', now - 600_000, 'agent-joined'),
    line(2, 'visitor', '<img src=x onerror=alert(1)> is what the page shows', now - 590_000),
    line(3, 'agent', 'Thanks, I have passed it on to the web team.', now - 540_000),
  ];
  const transcripts: Record<string, ChatTranscript> = {
    [ID.mei]: { conversationId: ID.mei, messages: meiLines, pending: [] },
    [ID.anon]: {
      conversationId: ID.anon,
      messages: anonLines,
      pending: [{ clientId: 'a-1', text: 'Anything else I can help with?', createdAt: now - 2_000, failed: null }],
    },
    [ID.ended]: {
      conversationId: ID.ended,
      messages: [
        line(1, 'system', '张伟', now - 3_600_000, 'agent-joined'),
        line(2, 'visitor', 'Can I change my delivery address?', now - 3_590_000),
        line(3, 'agent', 'Done — the new address is on the order.', now - 3_500_000),
        line(4, 'system', '', now - 3_400_000, 'ended-by-agent'),
      ],
      pending: [],
    },
    [ID.record]: {
      conversationId: ID.record,
      messages: [
        line(1, 'system', '张伟', now - 90_000_000, 'agent-joined'),
        line(2, 'visitor', '你好，我想退货', now - 89_990_000),
        line(3, 'agent', '好的，请提供订单号', now - 89_950_000),
        line(4, 'system', '由于您长时间未回复，本次服务已自动结束，感谢您的支持', now - 89_350_000, 'timeout'),
      ],
      pending: [],
    },
  };
  const last = (m: ChatMessage) => ({
    sender: m.sender,
    text: m.body.replace(/\s+/g, ' '),
    event: m.event,
    at: m.createdAt,
    ...(m.kind === 'image' ? { image: true } : {}),
  });
  const chat: ChatDeskView = {
    connection: 'live',
    offers:
      name === 'chat-offer'
        ? [
            item(now, {
              id: 'Zx4oFfEr00000000000000',
              state: 'offered',
              visitorName: '陈先生',
              enteredAt: now - 8_000,
              offerExpiresAt: now + 22_000,
              transferNote: '老客户，想改收货地址',
            }),
          ]
        : [],
    open: [
      item(now, {
        id: ID.mei,
        visitorName: '林美 Lin Mei',
        siteUserId: 'u-100233',
        channel: 'app',
        unread: 2,
        lastLine: last(meiLines.at(-1)!),
        waitingSince: media ? null : now - 95_000,
        ...(media ? { unread: 0, survey: { state: 'sent' as const, sentAt: now - 20_000 } } : {}),
      }),
      item(now, { id: ID.anon, enteredAt: now - 600_000, lastLine: last(anonLines.at(-1)!) }),
    ],
    recent: [
      item(now, {
        id: ID.ended,
        state: 'ended',
        visitorName: 'Oskar',
        visitorTag: '77B0E2',
        endedAt: now - 3_400_000,
        endReason: 'agent',
        lastLine: { sender: 'system', text: '', event: 'ended-by-agent', at: now - 3_400_000 },
        ...(media
          ? {
              survey: {
                state: 'answered' as const,
                sentAt: now - 3_450_000,
                score: 4,
                comment: '处理很快，谢谢！<b>not bold</b>',
                answeredAt: now - 3_300_000,
              },
            }
          : {}),
      }),
    ],
  };
  // 服务记录: a signed app user whose chat timed out yesterday (it can be re-opened), and the ended one above.
  const records: ChatItem[] = [
    item(now, {
      id: ID.record,
      state: 'ended',
      visitorName: '周杰 Zhou Jie',
      siteUserId: 'u-204518',
      channel: 'app',
      enteredAt: now - 90_000_000,
      agentJoinedAt: now - 90_000_000,
      endedAt: now - 89_350_000,
      endReason: 'timeout',
    }),
    ...chat.recent,
    // chat-records-many: more than a page (30), so the records end in "Load more".
    ...(name === 'chat-records-many'
      ? Array.from({ length: 40 }, (_, i) =>
          item(now, {
            id: `Zx6mAnY${String(i).padStart(15, '0')}`,
            state: 'ended',
            visitorName: i % 3 === 0 ? null : `客户 ${i + 1}`,
            visitorTag: (0x3fa9c1 + i).toString(16).toUpperCase(),
            enteredAt: now - 100_000_000 - i * 3_600_000,
            endedAt: now - 99_500_000 - i * 3_600_000,
            endReason: i === 1 ? 'no-agent' : 'visitor',
            // One of them a message left while the queue was full (留言).
            ...(i === 1 ? { leftMessage: true as const, agentJoinedAt: null } : {}),
          }),
        )
      : []),
  ];
  const DAY = 86_400_000;
  const orders: ChatOrder[] = [
    ['DD2026120701', '有机红茶礼盒 Organic black tea gift box', '¥168.00', '待发货 To ship', 1],
    ['DD2026112803', '高山小米 5kg Highland millet 5 kg', '¥89.90', '已发货 Shipped', 9],
    ['DD2026111502', '野生蜂蜜 500g Wild honey 500 g', '¥59.00', '已完成 Completed', 22],
    ['DD2026102009', '手工挂面 Hand-made noodles ×6', '¥45.50', '已完成 Completed', 48],
    ['DD2026090112', '核桃仁 1kg Walnut kernels 1 kg', '¥78.00', '已完成 Completed', 97],
  ].map(([id, title, amount, status, days]) => ({
    id: String(id),
    title: String(title),
    amount: String(amount),
    status: String(status),
    createdAt: now - Number(days) * DAY,
    items: [{ name: String(title), quantity: 2 }],
    address: '北京市朝阳区望京街 10 号',
  }));
  // Internal chats with colleagues (issue 17): their own section of the same tab.
  const internal = withInternalChats(chat, transcripts, now);
  return {
    ...base,
    state: { ...base.state, chat: internal.chat },
    chat: {
      orders,
      records,
      // chat-no-context: a company that set no customer-context endpoint.
      ...(name === 'chat-no-context' ? { contextConfigured: false } : {}),
      transcripts: internal.transcripts,
      groups: [
        { id: 1, name: '在线客服 Online service' },
        { id: 2, name: '售后 After-sales' },
      ],
    },
  };
}
