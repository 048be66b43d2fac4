import type { Migration } from './migration.ts';

/**
 * Issue 16, the last pieces: each company's customer-context endpoint, and messages visitors leave
 * when the queue is full (留言).
 *
 * `chat_settings.context_url`: where the service asks about a chat's customer (customer-context.ts);
 * NULL = no customer context, `demo` = the reference switchboard's own demo endpoint, else an http(s)
 * URL. Existing companies get NULL: until now every company used the demo endpoint, which is sample
 * data and nothing a real company should show its agents without choosing it.
 *
 * `conversations.left_message`: a left message is an ended conversation with no agent (end_reason
 * 'no-agent'), the visitor's text its one message, in its chat group: the group's members find it in
 * their service records, searchable like any ended chat. A column rather than a new end_reason: SQLite
 * cannot widen that CHECK without rebuilding the table every message and image points at.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'chat-context-and-left-messages',
  up(db) {
    db.exec(`
      ALTER TABLE chat_settings ADD COLUMN context_url TEXT
        CHECK (context_url IS NULL OR context_url = 'demo'
          OR (length(context_url) <= 500 AND (context_url LIKE 'https://_%' OR context_url LIKE 'http://_%')));
      ALTER TABLE conversations ADD COLUMN left_message INTEGER NOT NULL DEFAULT 0 CHECK (left_message IN (0, 1));
      CREATE INDEX conversations_left_messages ON conversations (group_id, ended_at) WHERE left_message = 1;
    `);
  },
};
