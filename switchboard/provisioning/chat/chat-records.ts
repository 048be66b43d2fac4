/**
 * Service records (服务记录, TCCC): an agent's ended chats searched by customer and date, and the two
 * ways an agent starts a chat (员工主动联系用户): 重新会话 from a record, and by the customer's user id.
 * Only signed site users (a company's app or web users with a user id) can be reached: an anonymous
 * visitor has nothing to come back with. Their next visit joins the open chat (chat-visitors.ts).
 */
import type { ProvisioningDb } from '../db.ts';
import type { DeviceTokens } from '../presence-service.ts';
import { ProvisioningError } from '../problems.ts';
import type { ChatDesk } from './chat-desk.ts';
import { summaryOf, type AgentDesk, type ChatSummary } from './chat-views.ts';
import type { Conversation } from './conversation-store.ts';

export type RecordQuery = {
  /** Part of the customer's user id, visitor id or nickname (case-insensitive for Latin letters). */
  q?: string;
  /** Ended at or after / before (epoch ms). */
  from?: number;
  to?: number;
  /** Paging: records that ended before this one (its endedAt and id). */
  before?: { endedAt: number; id: string };
  /**
   * Paging by the last record shown alone: the app knows its records' times only in its own clock, so
   * the service looks up where that record ended (an id that is not one of the records gives nothing).
   */
  beforeId?: string;
  limit: number;
};

/** `%`, `_` and `\` in the search are themselves, not patterns. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The visitor's chat that is not over yet (queued, offered or open), if any. */
export function activeChatOf(db: ProvisioningDb, companyId: number, visitorId: string): string | null {
  return (
    (db
      .prepare(
        `SELECT id FROM conversations WHERE company_id = ? AND kind = 'customer' AND visitor_id = ? AND state <> 'ended'
         ORDER BY entered_at DESC LIMIT 1`,
      )
      .pluck()
      .get(companyId, visitorId) as string | undefined) ?? null
  );
}

/** Mine, or a message left in one of my chat groups. */
export function inMyRecords(desk: ChatDesk, c: Conversation, personId: number): boolean {
  if (c.agentId === personId) return true;
  return c.leftMessage === 1 && c.groupId !== null && desk.store.groupsOfPerson(personId).includes(c.groupId);
}

export class ChatRecords {
  private readonly desk: ChatDesk;
  private readonly devices: DeviceTokens;

  constructor(options: { desk: ChatDesk; devices: DeviceTokens }) {
    this.desk = options.desk;
    this.devices = options.devices;
  }

  /**
   * My ended chats (hidden ones too: 不显示 only leaves the list) and the messages visitors left in my
   * chat groups while the queue was full (留言), newest first.
   */
  search(token: string, query: RecordQuery): ChatSummary[] {
    const { personId } = this.devices.deviceByToken(token);
    const q = query.q?.trim() ? likePattern(query.q.trim()) : null;
    let before = query.before;
    if (!before && query.beforeId !== undefined) {
      const endedAt = this.desk.db
        .prepare(`SELECT ended_at FROM conversations WHERE id = ? AND state = 'ended'`)
        .pluck()
        .get(query.beforeId) as number | undefined;
      if (endedAt === undefined) return [];
      before = { endedAt, id: query.beforeId };
    }
    const rows = this.desk.db
      .prepare(
        `SELECT id FROM conversations c WHERE c.state = 'ended'
           AND (c.agent_id = ? OR (c.left_message = 1 AND c.group_id IN
                (SELECT group_id FROM chat_group_members WHERE person_id = ?)))
           AND (? IS NULL OR c.visitor_id LIKE ? ESCAPE '\\' OR c.site_user_id LIKE ? ESCAPE '\\'
                OR c.visitor_nickname LIKE ? ESCAPE '\\')
           AND (? IS NULL OR c.ended_at >= ?) AND (? IS NULL OR c.ended_at < ?)
           AND (? IS NULL OR (c.ended_at, c.id) < (?, ?))
         ORDER BY c.ended_at DESC, c.id DESC LIMIT ?`,
      )
      .pluck()
      .all(
        personId,
        personId,
        q,
        q,
        q,
        q,
        query.from ?? null,
        query.from ?? null,
        query.to ?? null,
        query.to ?? null,
        before?.endedAt ?? null,
        before?.endedAt ?? null,
        before?.id ?? null,
        query.limit,
      ) as string[];
    return rows.map((id) => summaryOf(this.desk.store.get(id)!));
  }

  /** 重新会话: a new chat with the customer of one of my ended chats. */
  reopen(token: string, id: string): { conversationId: string; desk: AgentDesk } {
    const { personId, companyId } = this.devices.deviceByToken(token);
    const previous = /^[A-Za-z0-9_-]{22}$/.test(id) ? this.desk.store.get(id) : null;
    if (!previous || previous.companyId !== companyId || !inMyRecords(this.desk, previous, personId)) {
      throw new ProvisioningError('not-found', 'No such chat in your records');
    }
    if (previous.state !== 'ended') throw new ProvisioningError('chat-not-ended', 'This chat is not over');
    return this.startWith(previous, personId);
  }

  /** Contact a user by user id: their last chat with the company tells who they are and where they came from. */
  contact(token: string, userId: string): { conversationId: string; desk: AgentDesk } {
    const { personId, companyId } = this.devices.deviceByToken(token);
    const lastId = this.desk.db
      .prepare(
        `SELECT id FROM conversations WHERE company_id = ? AND site_user_id = ? ORDER BY entered_at DESC LIMIT 1`,
      )
      .pluck()
      .get(companyId, userId) as string | undefined;
    if (lastId === undefined) {
      throw new ProvisioningError('not-found', `No customer with user id ${userId} has chatted with your company`);
    }
    return this.startWith(this.desk.store.get(lastId)!, personId);
  }

  private startWith(previous: Conversation, personId: number): { conversationId: string; desk: AgentDesk } {
    if (previous.siteUserId === null) {
      throw new ProvisioningError(
        'chat-visitor-anonymous',
        'This visitor did not sign in on the site, so they cannot be contacted again',
      );
    }
    if (activeChatOf(this.desk.db, previous.companyId, previous.visitorId) !== null) {
      throw new ProvisioningError('chat-visitor-busy', 'This customer is in a chat already');
    }
    const conversationId = this.desk.startWith(previous, personId);
    return { conversationId, desk: this.desk.desk(personId) };
  }
}
