import type { Migration } from '../../../../lib/sqlite/migration.ts';

/**
 * The local copy of the company directory and its search keys. `search_keys` is clustered by
 * (kind, key): a prefix search of one kind is a single index range scan. The sync cursor lives in
 * `sync_state` and is written in the same transaction as the page it follows.
 */
export const directoryMigration0001: Migration = {
  version: 1,
  name: 'directory',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        service_url TEXT NOT NULL,
        company_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        last_sync_at INTEGER
      );
      CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        parent_id INTEGER,
        name TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        department_id INTEGER,
        name TEXT NOT NULL,
        extension TEXT NOT NULL,
        mobile TEXT NOT NULL,
        email TEXT,
        call_permission TEXT NOT NULL,
        has_avatar INTEGER NOT NULL DEFAULT 0,
        -- Han characters' syllables ("wang xiao ming") and their offsets in name ("0 1 2"), for highlighting.
        syllables TEXT NOT NULL DEFAULT '',
        syllable_at TEXT NOT NULL DEFAULT '',
        sort_key TEXT NOT NULL
      );
      CREATE INDEX people_department ON people (department_id, sort_key);
      CREATE INDEX people_sort ON people (sort_key);
      CREATE TABLE search_keys (
        kind INTEGER NOT NULL,
        key TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        start INTEGER NOT NULL,
        PRIMARY KEY (kind, key, person_id)
      ) WITHOUT ROWID;
      CREATE INDEX search_keys_person ON search_keys (person_id);
      -- A first download appends keys here (no index to keep) and moves them into search_keys in key
      -- order at its end: a sorted insert instead of millions of random ones.
      CREATE TABLE search_keys_staged (
        kind INTEGER NOT NULL,
        key TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        start INTEGER NOT NULL
      );
      CREATE TABLE avatars (
        person_id INTEGER PRIMARY KEY,
        etag TEXT NOT NULL,
        content_type TEXT NOT NULL,
        bytes BLOB NOT NULL
      );
    `);
  },
};
