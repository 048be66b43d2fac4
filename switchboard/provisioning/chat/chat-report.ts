/**
 * The session report (832's 会话清单, docs/chat.md): one row per ended customer chat of a company,
 * filtered by when the customer came and by customer id, with the waits and lengths in seconds.
 * Read straight from the conversation store; chat-report-file.ts writes it to XLSX or CSV.
 */
import type { ProvisioningDb } from '../db.ts';

export type ChatReportQuery = {
  companyId: number;
  /** Customer entered at or after (epoch ms). */
  from: number;
  /** Customer entered before (epoch ms). */
  to: number;
  /** Only this customer (the site's user id, or an anonymous visitor's `anon-…` id). */
  customerId?: string;
};

export type ChatReportRow = {
  conversationId: string;
  customerId: string;
  customerNickname: string | null;
  /** The agent who had the chat last (after a transfer: the one it ended with); null when none joined. */
  agentName: string | null;
  /** The agent's extension (their 工号). */
  agentId: string | null;
  enteredAt: number;
  agentJoinedAt: number | null;
  endedAt: number;
  /** Customer entered → an agent joined (→ ended when nobody joined). */
  waitSec: number;
  /** An agent joined → ended; 0 when nobody joined. */
  lengthSec: number;
  /** An agent joined → the agent's last message; 0 when the agent wrote nothing. */
  handlingSec: number;
  agentMessages: number;
};

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** A page of rows, oldest first; `after` is the last row's (enteredAt, conversationId) for the next page. */
export function chatReportPage(
  db: ProvisioningDb,
  query: ChatReportQuery,
  after: { enteredAt: number; id: string } | null,
  limit: number,
): ChatReportRow[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.visitor_id AS customerId, c.visitor_nickname AS customerNickname, p.name AS agentName,
              p.extension AS agentId, c.entered_at AS enteredAt, c.agent_joined_at AS agentJoinedAt, c.ended_at AS endedAt,
              (SELECT max(m.created_at) FROM chat_messages m WHERE m.conversation_id = c.id AND m.sender = 'agent') AS lastAgentAt,
              (SELECT count(*) FROM chat_messages m WHERE m.conversation_id = c.id AND m.sender = 'agent') AS agentMessages
       FROM conversations c LEFT JOIN people p ON p.id = c.agent_id
       WHERE c.company_id = ? AND c.kind = 'customer' AND c.state = 'ended'
         AND c.entered_at >= ? AND c.entered_at < ? AND (? IS NULL OR c.visitor_id = ?)
         AND (? IS NULL OR (c.entered_at, c.id) > (?, ?))
       ORDER BY c.entered_at, c.id LIMIT ?`,
    )
    .all(
      query.companyId,
      query.from,
      query.to,
      query.customerId ?? null,
      query.customerId ?? null,
      after?.enteredAt ?? null,
      after?.enteredAt ?? null,
      after?.id ?? null,
      limit,
    ) as {
    id: string;
    customerId: string;
    customerNickname: string | null;
    agentName: string | null;
    agentId: string | null;
    enteredAt: number;
    agentJoinedAt: number | null;
    endedAt: number;
    lastAgentAt: number | null;
    agentMessages: number;
  }[];
  return rows.map((r) => {
    const joined = r.agentJoinedAt;
    return {
      conversationId: r.id,
      customerId: r.customerId,
      customerNickname: r.customerNickname,
      agentName: joined === null ? null : r.agentName,
      agentId: joined === null ? null : r.agentId,
      enteredAt: r.enteredAt,
      agentJoinedAt: joined,
      endedAt: r.endedAt,
      waitSec: seconds((joined ?? r.endedAt) - r.enteredAt),
      lengthSec: joined === null ? 0 : seconds(r.endedAt - joined),
      handlingSec: joined === null || r.lastAgentAt === null ? 0 : seconds(r.lastAgentAt - joined),
      agentMessages: r.agentMessages,
    };
  });
}

const PAGE = 1000;

/** Every row of the query, a page at a time (a year of chats is never held at once). */
export function* chatReportRows(db: ProvisioningDb, query: ChatReportQuery): Generator<ChatReportRow[]> {
  let after: { enteredAt: number; id: string } | null = null;
  for (;;) {
    const page = chatReportPage(db, query, after, PAGE);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { enteredAt: last.enteredAt, id: last.conversationId };
  }
}
