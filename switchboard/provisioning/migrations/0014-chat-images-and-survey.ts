import type { Migration } from './migration.ts';

/**
 * Chat images and the satisfaction survey (满意度调查), issue 16.
 *
 * Images are stored as rows (`chat_images`), not files under the run dir: a row is written in the
 * same transaction as the message that shows it (no orphan file after a crash, no message pointing at
 * a missing file), it goes with the conversation (ON DELETE CASCADE), it is in the one backup of the
 * database, and no file path is ever built from a request. 10 MB blobs are well within SQLite's reach.
 *
 * `chat_messages` is rebuilt: SQLite cannot widen a CHECK in place, and a message now may be an
 * `image` (with `image_id`) and a system line may say that a survey was sent or answered.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'chat-images-and-survey',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE chat_images (
        id TEXT PRIMARY KEY CHECK (length(id) = 22),
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        sender TEXT NOT NULL CHECK (sender IN ('visitor', 'agent')),
        mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        -- Kept beside the blob: listing a transcript must not read 10 MB to say how big an image is.
        size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
        bytes BLOB NOT NULL CHECK (length(bytes) = size),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX chat_images_conversation ON chat_images (conversation_id);

      CREATE TABLE chat_messages_new (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        sender TEXT NOT NULL CHECK (sender IN ('visitor', 'agent', 'system')),
        author_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
        client_id TEXT CHECK (length(client_id) BETWEEN 1 AND 64),
        kind TEXT NOT NULL CHECK (kind IN ('text', 'system', 'image')),
        event TEXT CHECK (event IN ('agent-joined', 'transferred', 'agent-left', 'ended-by-agent', 'ended-by-visitor',
          'timeout', 'survey-sent', 'survey-answered')),
        body TEXT NOT NULL CHECK (length(body) <= 5000),
        image_id TEXT REFERENCES chat_images (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq),
        CHECK ((kind = 'system') = (event IS NOT NULL)),
        CHECK (kind = 'image' OR image_id IS NULL),
        UNIQUE (conversation_id, sender, client_id)
      );
      INSERT INTO chat_messages_new (conversation_id, seq, sender, author_id, client_id, kind, event, body, created_at)
        SELECT conversation_id, seq, sender, author_id, client_id, kind, event, body, created_at FROM chat_messages;
      DROP TABLE chat_messages;
      ALTER TABLE chat_messages_new RENAME TO chat_messages;

      -- 满意度调查: sent once per conversation by its agent, answered once by the visitor.
      CREATE TABLE chat_surveys (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
        sent_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
        sent_at INTEGER NOT NULL,
        score INTEGER CHECK (score BETWEEN 1 AND 5),
        comment TEXT CHECK (length(comment) <= 500),
        answered_at INTEGER,
        CHECK ((score IS NULL) = (answered_at IS NULL)),
        CHECK (comment IS NULL OR score IS NOT NULL)
      );
    `);
  },
};
