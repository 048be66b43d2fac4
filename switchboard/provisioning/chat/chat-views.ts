import type { SurveyView } from './chat-survey.ts';
import type { InternalChatEvent } from './internal-chats.ts';
import type { ChatMessage, ChatState, Conversation, EndReason } from './conversation-store.ts';

/** What the visitor's page shows of its conversation (the `state` event). */
export type VisitorView = {
  conversationId: string;
  state: ChatState;
  /** 1 = next in line; null when not waiting. */
  queuePosition: number | null;
  /** The agent serving the visitor (shown once the chat is open). */
  agentName: string | null;
  endReason: EndReason | null;
  lastSeq: number;
  /** 满意度调查: null until the agent sends it; then the card to answer, then the answer given. */
  survey: SurveyView | null;
};

/** One conversation in an agent's desk. */
export type ChatSummary = {
  id: string;
  state: ChatState;
  visitorId: string;
  visitorNickname: string | null;
  siteUserId: string | null;
  channel: 'web' | 'app';
  groupId: number | null;
  enteredAt: number;
  agentJoinedAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  /** When an offer stops ringing (manual accept's countdown). */
  offerExpiresAt: number | null;
  /** The colleague's note when it was transferred to this agent. */
  transferNote: string | null;
  lastSeq: number;
  unread: number;
  /** The satisfaction survey sent in this chat and the visitor's answer (null: not sent). */
  survey: SurveyView | null;
  /** A message the visitor left when the queue was full (留言); absent otherwise. */
  leftMessage?: true;
};

/** The agent's desk: offers ringing, open chats, and recently ended ones not hidden. */
export type AgentDesk = { offers: ChatSummary[]; open: ChatSummary[]; recent: ChatSummary[]; at: number };

export type ChatEvent =
  | { event: 'message'; id: number; data: { conversationId: string; message: ChatMessage } }
  | { event: 'state'; data: VisitorView }
  | { event: 'desk'; data: AgentDesk }
  | InternalChatEvent;

export function summaryOf(c: Conversation, unread = 0, survey: SurveyView | null = null): ChatSummary {
  return {
    id: c.id,
    state: c.state,
    visitorId: c.visitorId,
    visitorNickname: c.visitorNickname,
    siteUserId: c.siteUserId,
    channel: c.channel,
    groupId: c.groupId,
    enteredAt: c.enteredAt,
    agentJoinedAt: c.agentJoinedAt,
    endedAt: c.endedAt,
    endReason: c.endReason,
    offerExpiresAt: c.offerExpiresAt,
    transferNote: c.transferNote,
    lastSeq: c.lastSeq,
    unread,
    survey,
    ...(c.leftMessage === 1 ? { leftMessage: true } : {}),
  };
}
