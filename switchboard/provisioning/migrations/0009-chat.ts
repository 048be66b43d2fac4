import type { Migration } from './migration.ts';

/**
 * Online customer service chat (issue 16, docs/chat.md), first landing.
 *
 * Chat groups get their own tables, shaped like call groups, rather than a `kind` column on
 * `call_groups`: a call group is a dialable number (unique on the switchboard, triggers against
 * extensions), a chat group has no number, and SQLite cannot make `number` nullable without
 * rebuilding the table Kamailio's routing reads. Their members are people, as a call group's are,
 * and a company may staff its hotline and its chat desk with different people.
 *
 * A conversation's id is 128 random bits (base64url); the visitor's token is kept only as its
 * SHA-256. `last_seq` hands out the per-conversation message numbers; a message's
 * UNIQUE (conversation, sender, client_id) makes a retried send land once.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'chat',
  up(db) {
    db.exec(`
      CREATE TABLE chat_settings (
        company_id INTEGER PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
        max_open_per_agent INTEGER NOT NULL DEFAULT 5 CHECK (max_open_per_agent BETWEEN 1 AND 50),
        accept_mode TEXT NOT NULL DEFAULT 'manual' CHECK (accept_mode IN ('manual', 'auto')),
        offer_timeout_sec INTEGER NOT NULL DEFAULT 30 CHECK (offer_timeout_sec BETWEEN 5 AND 600),
        visitor_timeout_sec INTEGER NOT NULL DEFAULT 600 CHECK (visitor_timeout_sec BETWEEN 30 AND 86400),
        timeout_message TEXT NOT NULL DEFAULT '由于您长时间未回复，本次服务已自动结束，感谢您的支持'
          CHECK (length(timeout_message) BETWEEN 1 AND 500),
        queue_limit INTEGER NOT NULL DEFAULT 50 CHECK (queue_limit BETWEEN 0 AND 10000),
        chats_during_calls INTEGER NOT NULL DEFAULT 0 CHECK (chats_during_calls IN (0, 1)),
        visitor_signing_secret TEXT CHECK (length(visitor_signing_secret) >= 32)
      );

      CREATE TABLE chat_groups (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at INTEGER NOT NULL,
        UNIQUE (company_id, name)
      );
      CREATE TABLE chat_group_members (
        group_id INTEGER NOT NULL REFERENCES chat_groups (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, person_id)
      );
      CREATE INDEX chat_group_members_person ON chat_group_members (person_id);

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY CHECK (length(id) = 22),
        company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'internal')),
        visitor_id TEXT NOT NULL,
        visitor_token_hash BLOB NOT NULL CHECK (length(visitor_token_hash) = 32),
        visitor_nickname TEXT CHECK (length(visitor_nickname) BETWEEN 1 AND 100),
        site_user_id TEXT CHECK (length(site_user_id) BETWEEN 1 AND 100),
        channel TEXT NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'app')),
        group_id INTEGER REFERENCES chat_groups (id) ON DELETE SET NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'offered', 'open', 'ended')),
        agent_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
        queued_at INTEGER,
        offer_expires_at INTEGER,
        entered_at INTEGER NOT NULL,
        agent_joined_at INTEGER,
        ended_at INTEGER,
        end_reason TEXT CHECK (end_reason IN ('agent', 'visitor', 'timeout', 'no-agent')),
        timeout_due_at INTEGER,
        transferred_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
        transfer_note TEXT CHECK (length(transfer_note) BETWEEN 1 AND 500),
        last_seq INTEGER NOT NULL DEFAULT 0,
        agent_read_seq INTEGER NOT NULL DEFAULT 0,
        CHECK ((state = 'ended') = (ended_at IS NOT NULL)),
        CHECK ((state = 'offered') = (offer_expires_at IS NOT NULL))
      );
      CREATE INDEX conversations_queue ON conversations (group_id, queued_at) WHERE state = 'queued';
      CREATE INDEX conversations_agent ON conversations (agent_id, state);
      CREATE INDEX conversations_offers_due ON conversations (offer_expires_at) WHERE state = 'offered';
      CREATE INDEX conversations_timeouts_due ON conversations (timeout_due_at) WHERE state = 'open';
      CREATE INDEX conversations_company ON conversations (company_id, entered_at);

      CREATE TABLE chat_messages (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        sender TEXT NOT NULL CHECK (sender IN ('visitor', 'agent', 'system')),
        author_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
        client_id TEXT CHECK (length(client_id) BETWEEN 1 AND 64),
        kind TEXT NOT NULL CHECK (kind IN ('text', 'system')),
        -- What a system line says happened; clients word it in their language (a timeout's body is the company's text).
        event TEXT CHECK (event IN ('agent-joined', 'transferred', 'ended-by-agent', 'ended-by-visitor', 'timeout')),
        body TEXT NOT NULL CHECK (length(body) <= 5000),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq),
        CHECK ((kind = 'system') = (event IS NOT NULL)),
        UNIQUE (conversation_id, sender, client_id)
      );

      -- Who was offered which conversation and how it went: lapsed offers are skipped next time.
      CREATE TABLE chat_offers (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        offered_at INTEGER NOT NULL,
        outcome TEXT CHECK (outcome IN ('accepted', 'lapsed', 'withdrawn')),
        PRIMARY KEY (conversation_id, person_id, offered_at)
      );

      -- 不显示: an agent hides a conversation from their own list; nothing is deleted.
      CREATE TABLE chat_hidden (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        PRIMARY KEY (conversation_id, person_id)
      );
    `);
  },
};
