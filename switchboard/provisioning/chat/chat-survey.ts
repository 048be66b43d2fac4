import { ProvisioningError } from '../problems.ts';
import type { ChatDesk } from './chat-desk.ts';
import type { Conversation } from './conversation-store.ts';

/** 满意度调查 as both sides see it: sent and waiting for the visitor, or answered. */
export type SurveyView =
  | { state: 'sent'; sentAt: number }
  | { state: 'answered'; sentAt: number; score: number; comment: string | null; answeredAt: number };

export const MAX_SURVEY_COMMENT = 500;

type SurveyRow = { sentAt: number; score: number | null; comment: string | null; answeredAt: number | null };

/**
 * The satisfaction survey (migration 0012, table chat_surveys): the conversation's agent sends it
 * once while the chat is open; the visitor answers it once (1–5 and an optional comment), also after
 * the chat has ended. The answer stays with the conversation for its record.
 */
export class ChatSurveys {
  private readonly desk: ChatDesk;

  constructor(desk: ChatDesk) {
    this.desk = desk;
  }

  of(conversationId: string): SurveyView | null {
    const row = this.desk.db
      .prepare(
        `SELECT sent_at AS sentAt, score, comment, answered_at AS answeredAt FROM chat_surveys WHERE conversation_id = ?`,
      )
      .get(conversationId) as SurveyRow | undefined;
    if (!row) return null;
    if (row.score === null || row.answeredAt === null) return { state: 'sent', sentAt: row.sentAt };
    return {
      state: 'answered',
      sentAt: row.sentAt,
      score: row.score,
      comment: row.comment,
      answeredAt: row.answeredAt,
    };
  }

  send(conversation: Conversation, personId: number): SurveyView {
    if (conversation.state !== 'open') {
      throw new ProvisioningError('chat-ended', 'The satisfaction survey can only be sent in an open chat');
    }
    const inserted = this.desk.db
      .prepare(`INSERT OR IGNORE INTO chat_surveys (conversation_id, sent_by, sent_at) VALUES (?, ?, ?)`)
      .run(conversation.id, personId, this.desk.clock.now()).changes;
    if (inserted === 0) {
      throw new ProvisioningError('survey-already-sent', 'The satisfaction survey was already sent in this chat');
    }
    this.desk.system(conversation.id, 'survey-sent', '');
    this.told(conversation.id);
    return this.of(conversation.id)!;
  }

  answer(conversation: Conversation, score: number, comment: string | null): SurveyView {
    const current = this.of(conversation.id);
    if (!current) throw new ProvisioningError('survey-not-sent', 'No satisfaction survey was sent in this chat');
    if (current.state === 'answered') {
      throw new ProvisioningError('survey-already-answered', 'You have already answered the satisfaction survey');
    }
    this.desk.db
      .prepare(
        `UPDATE chat_surveys SET score = ?, comment = ?, answered_at = ? WHERE conversation_id = ? AND score IS NULL`,
      )
      .run(score, comment, this.desk.clock.now(), conversation.id);
    this.desk.system(conversation.id, 'survey-answered', '');
    this.told(conversation.id);
    return this.of(conversation.id)!;
  }

  /** Both sides learn of it: the visitor's state (the survey card) and the agent's desk (its summary). */
  private told(id: string): void {
    const c = this.desk.store.get(id)!;
    this.desk.tellVisitor(c);
    if (c.agentId !== null) this.desk.tellAgent(c.agentId);
  }
}
