import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { ProvisioningDb } from '../db.ts';
import { likePattern } from './chat-records.ts';

/** One of a person's internal chats as their list shows it (migration 0016). */
export type InternalChatRow = {
  id: string;
  startedAt: number;
  lastSeq: number;
  peer: { personId: number; name: string; extension: string };
  /** Up to which seq I have read; what the colleague wrote after it is `unread`. */
  readSeq: number;
  unread: number;
  /** The colleague's marks on my messages: received by one of their devices, and read. */
  peerDeliveredSeq: number;
  peerReadSeq: number;
  lastMessage: { seq: number; authorId: number | null; kind: 'text' | 'image'; body: string; createdAt: number } | null;
};

export type InternalSearchHit = {
  conversationId: string;
  peerName: string;
  seq: number;
  authorName: string | null;
  body: string;
  createdAt: number;
};

type Row = Omit<InternalChatRow, 'peer' | 'lastMessage'> & {
  peerId: number;
  peerName: string;
  peerExtension: string;
  lastAuthorId: number | null;
  lastKind: 'text' | 'image' | null;
  lastBody: string | null;
  lastAt: number | null;
};

/** Who is in an internal chat and their marks, beside the conversations and messages of conversation-store.ts. */
export class InternalChatStore {
  private readonly db: ProvisioningDb;
  private readonly statements = new Map<string, Statement>();

  constructor(db: ProvisioningDb) {
    this.db = db;
  }

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** A person of this company (name and extension), or null. */
  colleague(personId: number): { id: number; companyId: number; name: string; extension: string } | null {
    return (
      (this.sql(`SELECT id, company_id AS companyId, name, extension FROM people WHERE id = ?`).get(personId) as {
        id: number;
        companyId: number;
        name: string;
        extension: string;
      }) ?? null
    );
  }

  /** The pair's one chat, made on first use; `openedBy` sees it in their list before any message. */
  open(companyId: number, openedBy: number, other: number, now: number): string {
    const key = `i:${Math.min(openedBy, other)}:${Math.max(openedBy, other)}`;
    return this.db.transaction(() => {
      let id = this.sql(`SELECT id FROM conversations WHERE kind = 'internal' AND company_id = ? AND visitor_id = ?`)
        .pluck()
        .get(companyId, key) as string | undefined;
      if (id === undefined) {
        id = randomBytes(16).toString('base64url');
        this.sql(
          `INSERT INTO conversations (id, company_id, kind, visitor_id, visitor_token_hash, state, entered_at)
           VALUES (?, ?, 'internal', ?, ?, 'open', ?)`,
        ).run(id, companyId, key, randomBytes(32), now);
        const member = this.sql(`INSERT INTO internal_chat_members (conversation_id, person_id) VALUES (?, ?)`);
        member.run(id, openedBy);
        member.run(id, other);
      }
      this.sql(
        `UPDATE internal_chat_members SET opened_at = ifnull(opened_at, ?) WHERE conversation_id = ? AND person_id = ?`,
      ).run(now, id, openedBy);
      this.sql(`DELETE FROM chat_hidden WHERE conversation_id = ? AND person_id = ?`).run(id, openedBy);
      return id;
    })();
  }

  /** The chat's two members, or null when it is not an internal chat of this person. */
  membersIfIn(id: string, personId: number): number[] | null {
    const members = this.sql(`SELECT person_id FROM internal_chat_members WHERE conversation_id = ?`)
      .pluck()
      .all(id) as number[];
    return members.includes(personId) ? members : null;
  }

  /** Unhides the chat for both: a new message brings it back (不显示 is not leaving). */
  unhide(id: string): void {
    this.sql(`DELETE FROM chat_hidden WHERE conversation_id = ?`).run(id);
  }

  /** Moves this member's marks forward (never back, never past the last message); read implies received. */
  mark(id: string, personId: number, marks: { delivered?: number | undefined; read?: number | undefined }): boolean {
    const read = marks.read ?? 0;
    const delivered = Math.max(marks.delivered ?? 0, read);
    return (
      this.sql(
        `UPDATE internal_chat_members SET
           read_seq = max(read_seq, min(?, (SELECT last_seq FROM conversations WHERE id = ?))),
           delivered_seq = max(delivered_seq, min(?, (SELECT last_seq FROM conversations WHERE id = ?)))
         WHERE conversation_id = ? AND person_id = ? AND (read_seq < ? OR delivered_seq < ?)`,
      ).run(read, id, delivered, id, id, personId, read, delivered).changes > 0
    );
  }

  /** This person's internal chats not hidden, the latest message first (unread counts per chat). */
  list(personId: number): InternalChatRow[] {
    const rows = this.sql(
      `SELECT c.id, c.entered_at AS startedAt, c.last_seq AS lastSeq, me.read_seq AS readSeq,
         peer.person_id AS peerId, p.name AS peerName, p.extension AS peerExtension,
         peer.delivered_seq AS peerDeliveredSeq, peer.read_seq AS peerReadSeq,
         (SELECT count(*) FROM chat_messages m WHERE m.conversation_id = c.id AND m.seq > me.read_seq
            AND m.author_id IS NOT me.person_id) AS unread,
         last.author_id AS lastAuthorId, last.kind AS lastKind, substr(last.body, 1, 200) AS lastBody,
         last.created_at AS lastAt
       FROM internal_chat_members me
       JOIN conversations c ON c.id = me.conversation_id
       JOIN internal_chat_members peer ON peer.conversation_id = c.id AND peer.person_id <> me.person_id
       JOIN people p ON p.id = peer.person_id
       LEFT JOIN chat_messages last ON last.conversation_id = c.id AND last.seq = c.last_seq
       WHERE me.person_id = ? AND (c.last_seq > 0 OR me.opened_at IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM chat_hidden h WHERE h.conversation_id = c.id AND h.person_id = me.person_id)
       ORDER BY ifnull(last.created_at, me.opened_at) DESC, c.id`,
    ).all(personId) as Row[];
    return rows.map(({ peerId, peerName, peerExtension, lastAuthorId, lastKind, lastBody, lastAt, ...row }) => ({
      ...row,
      peer: { personId: peerId, name: peerName, extension: peerExtension },
      lastMessage:
        lastKind === null
          ? null
          : { seq: row.lastSeq, authorId: lastAuthorId, kind: lastKind, body: lastBody!, createdAt: lastAt! },
    }));
  }

  /** Who wrote each message from `fromSeq` to `toSeq` (a message's view says whether it is the reader's own). */
  authors(id: string, fromSeq: number, toSeq: number): Map<number, number | null> {
    const rows = this.sql(
      `SELECT seq, author_id AS authorId FROM chat_messages WHERE conversation_id = ? AND seq BETWEEN ? AND ?`,
    ).all(id, fromSeq, toSeq) as { seq: number; authorId: number | null }[];
    return new Map(rows.map((r) => [r.seq, r.authorId]));
  }

  hide(id: string, personId: number): void {
    this.sql(`INSERT OR IGNORE INTO chat_hidden (conversation_id, person_id) VALUES (?, ?)`).run(id, personId);
  }

  /**
   * Text messages containing `text` (plain substring, any script; `%` and `_` are themselves) in this
   * person's internal chats, hidden ones too, or in one of them; newest first.
   */
  search(personId: number, text: string, conversationId: string | null, limit: number): InternalSearchHit[] {
    return this.sql(
      `SELECT m.conversation_id AS conversationId, peer_person.name AS peerName, m.seq, author.name AS authorName,
         m.body, m.created_at AS createdAt
       FROM internal_chat_members me
       JOIN chat_messages m ON m.conversation_id = me.conversation_id
       JOIN internal_chat_members peer ON peer.conversation_id = me.conversation_id AND peer.person_id <> me.person_id
       JOIN people peer_person ON peer_person.id = peer.person_id
       LEFT JOIN people author ON author.id = m.author_id
       WHERE me.person_id = ? AND (? IS NULL OR me.conversation_id = ?) AND m.kind = 'text'
         AND m.body LIKE ? ESCAPE '\\'
       ORDER BY m.created_at DESC, m.seq DESC LIMIT ?`,
    ).all(personId, conversationId, conversationId, likePattern(text), limit) as InternalSearchHit[];
  }
}
