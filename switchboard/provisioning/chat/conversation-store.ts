import type { Statement } from 'better-sqlite3';
import type { AgentStatus } from '../agent-status.ts';
import type { ProvisioningDb } from '../db.ts';
import type { ChatCandidate } from './chat-routing.ts';

export type ChatState = 'queued' | 'offered' | 'open' | 'ended';
export type EndReason = 'agent' | 'visitor' | 'timeout' | 'no-agent';
export type Sender = 'visitor' | 'agent' | 'system';
/** What a system line says happened (the client words it; a timeout's body is the company's message). */
export type SystemEvent =
  | 'agent-joined'
  | 'transferred'
  /** The agent went Offline (signed out, or taken offline): the chat is back in its queue. */
  | 'agent-left'
  | 'ended-by-agent'
  | 'ended-by-visitor'
  | 'timeout'
  /** 满意度调查: the agent sent the survey; the visitor answered it (chat-survey.ts). */
  | 'survey-sent'
  | 'survey-answered';

export type Conversation = {
  id: string;
  /** 1: a message the visitor left when the queue was full (ended, no agent; its group's records). */
  leftMessage: 0 | 1;
  companyId: number;
  /** A visitor's chat with the desk, or two colleagues' (internal-chats.ts). */
  kind: 'customer' | 'internal';
  visitorId: string;
  visitorNickname: string | null;
  siteUserId: string | null;
  channel: 'web' | 'app';
  groupId: number | null;
  state: ChatState;
  agentId: number | null;
  queuedAt: number | null;
  offerExpiresAt: number | null;
  enteredAt: number;
  agentJoinedAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  timeoutDueAt: number | null;
  transferredBy: number | null;
  transferNote: string | null;
  lastSeq: number;
  agentReadSeq: number;
};

/** One line of the transcript. `body` is plain text, shown as text by every client, never as HTML. */
export type ChatMessage = {
  seq: number;
  sender: Sender;
  authorName: string | null;
  clientId: string | null;
  kind: 'text' | 'system' | 'image';
  event: SystemEvent | null;
  body: string;
  /** An image message's picture (chat-images.ts), fetched by its id by the conversation's participants. */
  image: { id: string; mime: string; size: number } | null;
  createdAt: number;
};

type MessageRow = Omit<ChatMessage, 'image'> & {
  imageId: string | null;
  imageMime: string | null;
  imageSize: number | null;
};

function messageOf({ imageId, imageMime, imageSize, ...row }: MessageRow): ChatMessage {
  return { ...row, image: imageId === null ? null : { id: imageId, mime: imageMime!, size: imageSize! } };
}

export type NewConversation = Omit<
  Conversation,
  | 'kind'
  | 'state'
  | 'agentId'
  | 'leftMessage'
  | 'offerExpiresAt'
  | 'agentJoinedAt'
  | 'endedAt'
  | 'endReason'
  | 'timeoutDueAt'
  | 'transferredBy'
  | 'transferNote'
  | 'lastSeq'
  | 'agentReadSeq'
  | 'queuedAt'
> & { tokenHash: Buffer };

const conversationColumns = `id, company_id AS companyId, kind, left_message AS leftMessage, visitor_id AS visitorId, visitor_nickname AS visitorNickname,
  site_user_id AS siteUserId, channel, group_id AS groupId, state, agent_id AS agentId, queued_at AS queuedAt,
  offer_expires_at AS offerExpiresAt, entered_at AS enteredAt, agent_joined_at AS agentJoinedAt, ended_at AS endedAt,
  end_reason AS endReason, timeout_due_at AS timeoutDueAt, transferred_by AS transferredBy,
  transfer_note AS transferNote, last_seq AS lastSeq, agent_read_seq AS agentReadSeq`;

const messageColumns = `m.seq, m.sender, p.name AS authorName, m.client_id AS clientId, m.kind, m.event, m.body,
  m.created_at AS createdAt, m.image_id AS imageId, i.mime AS imageMime, i.size AS imageSize`;
const messageFrom = `chat_messages m LEFT JOIN people p ON p.id = m.author_id LEFT JOIN chat_images i ON i.id = m.image_id`;

/** Conversations, their transcripts and offers in the provisioning database (migration 0009). */
export class ConversationStore {
  private readonly db: ProvisioningDb;
  private readonly statements = new Map<string, Statement>();

  constructor(db: ProvisioningDb) {
    this.db = db;
  }

  /** Prepared once per text: the desk runs the same few queries for every message. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(c: NewConversation, groupId: number, now: number): void {
    this.sql(
      `INSERT INTO conversations (id, company_id, visitor_id, visitor_token_hash, visitor_nickname, site_user_id,
         channel, group_id, state, queued_at, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
    ).run(c.id, c.companyId, c.visitorId, c.tokenHash, c.visitorNickname, c.siteUserId, c.channel, groupId, now, now);
  }

  /** A message left while the queue was full: an ended conversation of the group with the text as its one message. */
  insertLeftMessage(c: NewConversation, groupId: number, now: number): void {
    this.sql(
      `INSERT INTO conversations (id, company_id, visitor_id, visitor_token_hash, visitor_nickname, site_user_id,
         channel, group_id, state, entered_at, ended_at, end_reason, left_message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ended', ?, ?, 'no-agent', 1)`,
    ).run(c.id, c.companyId, c.visitorId, c.tokenHash, c.visitorNickname, c.siteUserId, c.channel, groupId, now, now);
  }

  get(id: string): Conversation | null {
    return (this.sql(`SELECT ${conversationColumns} FROM conversations WHERE id = ?`).get(id) as Conversation) ?? null;
  }

  tokenHash(id: string): Buffer | null {
    // Only a customer chat has a visitor: an internal one's hash is random bytes, and is refused before that.
    return (
      (this.sql(`SELECT visitor_token_hash FROM conversations WHERE id = ? AND kind = 'customer'`)
        .pluck()
        .get(id) as Buffer) ?? null
    );
  }

  /**
   * Stores a message with the next seq, or, when this sender already sent `clientId` here, returns
   * the stored one (`duplicate`): a retried send is the same message.
   */
  append(
    id: string,
    m: {
      sender: Sender;
      authorId: number | null;
      clientId: string | null;
      event: SystemEvent | null;
      body: string;
      imageId?: string | null;
    },
    now: number,
  ): { message: ChatMessage; duplicate: boolean } {
    return this.transaction(() => {
      if (m.clientId !== null) {
        const sent = this.byClientId(id, m.sender, m.clientId);
        if (sent) return { message: sent, duplicate: true };
      }
      const seq = this.sql(`UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq`)
        .pluck()
        .get(id) as number;
      this.sql(
        `INSERT INTO chat_messages (conversation_id, seq, sender, author_id, client_id, kind, event, body, image_id,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        seq,
        m.sender,
        m.authorId,
        m.clientId,
        m.event ? 'system' : m.imageId ? 'image' : 'text',
        m.event,
        m.body,
        m.imageId ?? null,
        now,
      );
      return { message: this.message(id, seq)!, duplicate: false };
    });
  }

  /** What this sender already sent here with `clientId` (a retry), or null. */
  byClientId(id: string, sender: Sender, clientId: string): ChatMessage | null {
    const seq = this.sql(`SELECT seq FROM chat_messages WHERE conversation_id = ? AND sender = ? AND client_id = ?`)
      .pluck()
      .get(id, sender, clientId) as number | undefined;
    return seq === undefined ? null : this.message(id, seq);
  }

  message(id: string, seq: number): ChatMessage | null {
    const row = this.sql(`SELECT ${messageColumns} FROM ${messageFrom} WHERE m.conversation_id = ? AND m.seq = ?`).get(
      id,
      seq,
    ) as MessageRow | undefined;
    return row ? messageOf(row) : null;
  }

  messagesAfter(id: string, after: number, limit: number): ChatMessage[] {
    const rows = this.sql(
      `SELECT ${messageColumns} FROM ${messageFrom} WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    ).all(id, after, limit) as MessageRow[];
    return rows.map(messageOf);
  }

  queue(id: string, groupId: number, queuedAt: number): void {
    this.sql(
      `UPDATE conversations SET state = 'queued', group_id = ?, agent_id = NULL, queued_at = ?, offer_expires_at = NULL,
         timeout_due_at = NULL WHERE id = ?`,
    ).run(groupId, queuedAt, id);
  }

  /** Back to the front of its queue (its old place: `queued_at` is kept). */
  requeue(id: string): void {
    this.sql(
      `UPDATE conversations SET state = 'queued', agent_id = NULL, offer_expires_at = NULL, timeout_due_at = NULL WHERE id = ?`,
    ).run(id);
  }

  offer(id: string, personId: number, now: number, expiresAt: number): void {
    this.sql(`UPDATE conversations SET state = 'offered', agent_id = ?, offer_expires_at = ? WHERE id = ?`).run(
      personId,
      expiresAt,
      id,
    );
    this.sql(`INSERT OR IGNORE INTO chat_offers (conversation_id, person_id, offered_at) VALUES (?, ?, ?)`).run(
      id,
      personId,
      now,
    );
  }

  offerOutcome(id: string, personId: number, outcome: 'accepted' | 'lapsed' | 'withdrawn', now: number): void {
    const changed = this.sql(
      `UPDATE chat_offers SET outcome = ? WHERE conversation_id = ? AND person_id = ? AND outcome IS NULL`,
    ).run(outcome, id, personId).changes;
    if (changed === 0 && outcome === 'withdrawn') {
      this.sql(
        `INSERT OR IGNORE INTO chat_offers (conversation_id, person_id, offered_at, outcome) VALUES (?, ?, ?, ?)`,
      ).run(id, personId, now, outcome);
    }
  }

  open(id: string, personId: number, now: number): void {
    this.sql(
      `UPDATE conversations SET state = 'open', agent_id = ?, offer_expires_at = NULL,
         agent_joined_at = ifnull(agent_joined_at, ?), agent_read_seq = 0 WHERE id = ?`,
    ).run(personId, now, id);
  }

  /** Who handed this conversation on, with their note for the next agent (cleared with null). */
  noteTransfer(id: string, by: number | null, note: string | null): void {
    this.sql(`UPDATE conversations SET transferred_by = ?, transfer_note = ? WHERE id = ?`).run(by, note, id);
  }

  end(id: string, reason: EndReason, now: number): void {
    this.sql(
      `UPDATE conversations SET state = 'ended', end_reason = ?, ended_at = ?, offer_expires_at = NULL,
         timeout_due_at = NULL WHERE id = ?`,
    ).run(reason, now, id);
  }

  setTimeoutDue(id: string, at: number | null): void {
    this.sql(`UPDATE conversations SET timeout_due_at = ? WHERE id = ?`).run(at, id);
  }

  markRead(id: string, seq: number): void {
    this.sql(`UPDATE conversations SET agent_read_seq = max(agent_read_seq, ?) WHERE id = ?`).run(seq, id);
  }

  hide(id: string, personId: number): void {
    this.sql(`INSERT OR IGNORE INTO chat_hidden (conversation_id, person_id) VALUES (?, ?)`).run(id, personId);
  }

  /** The group's waiting conversations, first in line first (same time: who came first). */
  waiting(groupId: number): { id: string; queuedAt: number }[] {
    return this.sql(
      `SELECT id, queued_at AS queuedAt FROM conversations WHERE state = 'queued' AND group_id = ? ORDER BY queued_at, rowid`,
    ).all(groupId) as { id: string; queuedAt: number }[];
  }

  /** The group's members as routing sees them, with when their current status began. */
  candidates(groupId: number): (ChatCandidate & { statusSince: number })[] {
    return this.sql(
      `SELECT m.person_id AS personId, s.status, s.since AS statusSince,
         (SELECT count(*) FROM conversations c WHERE c.agent_id = m.person_id AND c.state IN ('offered', 'open')) AS openChats,
         (SELECT max(ended_at) FROM conversations c WHERE c.agent_id = m.person_id AND c.state = 'ended') AS lastChatEndedAt
       FROM chat_group_members m JOIN agent_state s ON s.person_id = m.person_id WHERE m.group_id = ?`,
    ).all(groupId) as (ChatCandidate & { status: AgentStatus; statusSince: number })[];
  }

  /** Who let this conversation's offer lapse (or gave it away) since it was queued, and when. */
  declinedSinceQueued(id: string): { personId: number; offeredAt: number }[] {
    return this.sql(
      `SELECT o.person_id AS personId, o.offered_at AS offeredAt FROM chat_offers o JOIN conversations c ON c.id = o.conversation_id
       WHERE o.conversation_id = ? AND o.outcome IN ('lapsed', 'withdrawn') AND o.offered_at >= c.queued_at`,
    ).all(id) as { personId: number; offeredAt: number }[];
  }

  offersDue(now: number): string[] {
    return this.sql(`SELECT id FROM conversations WHERE state = 'offered' AND offer_expires_at <= ?`)
      .pluck()
      .all(now) as string[];
  }

  timeoutsDue(now: number): string[] {
    return this.sql(`SELECT id FROM conversations WHERE state = 'open' AND timeout_due_at <= ?`)
      .pluck()
      .all(now) as string[];
  }

  /** An agent's offers and open chats (not hidden), with unread visitor messages, oldest first. */
  agentConversations(personId: number): (Conversation & { unread: number })[] {
    return this.sql(
      `SELECT ${conversationColumns},
         (SELECT count(*) FROM chat_messages m WHERE m.conversation_id = c.id AND m.sender = 'visitor'
            AND m.seq > c.agent_read_seq) AS unread
       FROM conversations c WHERE c.agent_id = ? AND c.state IN ('offered', 'open')
         AND NOT EXISTS (SELECT 1 FROM chat_hidden h WHERE h.conversation_id = c.id AND h.person_id = ?)
       ORDER BY c.entered_at, c.id`,
    ).all(personId, personId) as (Conversation & { unread: number })[];
  }

  /** The agent's most recently ended chats that they have not hidden (不显示), newest first. */
  agentRecentlyEnded(personId: number, limit: number): Conversation[] {
    return this.sql(
      `SELECT ${conversationColumns} FROM conversations c WHERE c.agent_id = ? AND c.state = 'ended'
         AND NOT EXISTS (SELECT 1 FROM chat_hidden h WHERE h.conversation_id = c.id AND h.person_id = ?)
       ORDER BY c.ended_at DESC, c.id LIMIT ?`,
    ).all(personId, personId, limit) as Conversation[];
  }

  defaultGroup(companyId: number): number | null {
    return (this.sql(`SELECT min(id) FROM chat_groups WHERE company_id = ?`).pluck().get(companyId) as number) ?? null;
  }

  groupOfCompany(companyId: number, groupId: number): { id: number; name: string } | null {
    return (
      (this.sql(`SELECT id, name FROM chat_groups WHERE company_id = ? AND id = ?`).get(companyId, groupId) as {
        id: number;
        name: string;
      }) ?? null
    );
  }

  /** A colleague who can take a transfer now: signed in on some device and not Offline. */
  onlineMember(companyId: number, extension: string): { id: number; name: string } | null {
    return (
      (this.sql(
        `SELECT p.id, p.name FROM people p JOIN agent_state s ON s.person_id = p.id
         WHERE p.company_id = ? AND p.extension = ? AND s.status <> 'offline'
           AND EXISTS (SELECT 1 FROM devices d WHERE d.person_id = p.id AND d.revoked_at IS NULL)`,
      ).get(companyId, extension) as { id: number; name: string }) ?? null
    );
  }

  personName(personId: number): string | null {
    return (this.sql(`SELECT name FROM people WHERE id = ?`).pluck().get(personId) as string) ?? null;
  }

  isOffline(personId: number): boolean {
    return this.sql(`SELECT status FROM agent_state WHERE person_id = ?`).pluck().get(personId) === 'offline';
  }

  /** The chat groups this person staffs (their status change may move those queues). */
  groupsOfPerson(personId: number): number[] {
    return this.sql(`SELECT group_id FROM chat_group_members WHERE person_id = ?`).pluck().all(personId) as number[];
  }
}
