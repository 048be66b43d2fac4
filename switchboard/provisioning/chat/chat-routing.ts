import type { AgentStatus } from '../agent-status.ts';

/** What routing needs to know of one member of the conversation's chat group. */
export type ChatCandidate = {
  personId: number;
  status: AgentStatus;
  /** Open conversations plus offers waiting on them: an offer holds a slot until it lapses. */
  openChats: number;
  /** When their last chat ended (null: none yet, the longest idle of all). */
  lastChatEndedAt: number | null;
};

export type ChatRoutingRules = {
  maxOpenPerAgent: number;
  /** The company lets agents on a call take chats too. */
  chatsDuringCalls: boolean;
};

/**
 * Who may be offered a chat now: Available (服务中), or on a call where the company allows it.
 * Busy, Break, Offline and after-call work get none.
 */
export function canTakeChat(candidate: ChatCandidate, rules: ChatRoutingRules): boolean {
  const statusAllows = candidate.status === 'available' || (candidate.status === 'on-call' && rules.chatsDuringCalls);
  return statusAllows && candidate.openChats < rules.maxOpenPerAgent;
}

/**
 * The agent to offer a conversation to: least loaded, then longest idle since their last chat
 * ended, then the lower person id (so the same facts give the same answer). `skip`: people who let
 * this conversation's offer lapse already. Null when nobody can take it: it waits in the queue.
 */
export function chooseAgent(
  candidates: readonly ChatCandidate[],
  rules: ChatRoutingRules,
  skip: ReadonlySet<number> = new Set(),
): number | null {
  const eligible = candidates.filter((c) => !skip.has(c.personId) && canTakeChat(c, rules));
  eligible.sort(
    (a, b) =>
      a.openChats - b.openChats ||
      (a.lastChatEndedAt ?? -Infinity) - (b.lastChatEndedAt ?? -Infinity) ||
      a.personId - b.personId,
  );
  return eligible[0]?.personId ?? null;
}

/**
 * A waiting visitor's place in their group's line, first = 1. `line` is in queue order (queued
 * first, then arrival: ConversationStore.waiting); null when the conversation is not in it.
 */
export function queuePosition(line: readonly { id: string }[], conversationId: string): number | null {
  const index = line.findIndex((w) => w.id === conversationId);
  return index < 0 ? null : index + 1;
}
