import type { Migration } from './migration.ts';

/**
 * Internal chat between colleagues (issue 17): the second kind of conversation on the one store.
 *
 * An internal chat is a `conversations` row of kind 'internal' (the column 0009 made for it): state
 * 'open' for good, no group, no agent, and `visitor_id` holding the pair's key ("i:<lower id>:<higher
 * id>"), so the partial unique index below keeps one chat per pair of colleagues. Its token hash is
 * random bytes nobody holds the token of: the visitor routes can never read it. Its messages are
 * `chat_messages` rows with sender 'agent' and the author's person id, images are `chat_images` rows,
 * and hiding is `chat_hidden`, all as a customer chat's.
 *
 * What a customer chat has once (the agent's read mark) an internal one has per member: who is in it,
 * up to which seq each has received (delivered) and read, and whether they opened it themselves
 * before any message (so a chat started from the directory shows in the starter's list at once).
 * Kept by the service, so unread counts and marks survive restarts and follow a person to any computer.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'internal-chat',
  up(db) {
    db.exec(`
      CREATE TABLE internal_chat_members (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        delivered_seq INTEGER NOT NULL DEFAULT 0 CHECK (delivered_seq >= 0),
        read_seq INTEGER NOT NULL DEFAULT 0 CHECK (read_seq >= 0),
        opened_at INTEGER,
        PRIMARY KEY (conversation_id, person_id)
      );
      CREATE INDEX internal_chat_members_person ON internal_chat_members (person_id);
      CREATE UNIQUE INDEX conversations_internal_pair ON conversations (company_id, visitor_id) WHERE kind = 'internal';
    `);
  },
};
