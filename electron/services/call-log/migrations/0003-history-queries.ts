import type { Migration } from './migration.ts';

/*
 * Indexes for the history view (issue 8), each ending in (started_at DESC, id DESC) so every
 * filter pages newest first straight from an index, without a sort step:
 * - direction: the incoming and outgoing filters;
 * - missed: a partial index, small because few calls are missed; also counts the badge;
 * - remote_number: a number's own history.
 *
 * Search by a substring of the number or name uses an FTS5 table with the trigram tokenizer
 * (SQLite >= 3.34; we ship 3.54): a substring query of 3+ characters becomes an index lookup
 * instead of a LIKE scan over every row. It is an external-content table over `calls` (no
 * second copy of the text) kept in step by triggers in the same statement as each write, so
 * crash safety is unchanged. Its rowids are the calls' rowids: the call log never VACUUMs;
 * anything that does must rebuild it (`INSERT INTO calls_search(calls_search) VALUES('rebuild')`).
 *
 * Terms shorter than 3 characters (a two-character Chinese name) cannot use trigrams. For them
 * call_parties keeps every distinct (number, name) pair: a table the size of the address book,
 * not of the history, scanned to find the numbers a short term matches, whose calls are then
 * read through the number index. Pairs are only added (deletes leave them; the calls query
 * re-checks every row), and clearing the history empties it.
 *
 * history_meta holds small values such as when the user last looked at missed calls.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'history-queries',
  up(db) {
    db.exec(`
      CREATE INDEX calls_direction_started ON calls (direction, started_at DESC, id DESC);
      CREATE INDEX calls_missed_started ON calls (started_at DESC, id DESC) WHERE outcome = 'missed';
      CREATE INDEX calls_number_started ON calls (remote_number, started_at DESC, id DESC);

      CREATE VIRTUAL TABLE calls_search USING fts5(
        remote_number, remote_name, content = 'calls', content_rowid = 'rowid', tokenize = 'trigram'
      );
      INSERT INTO calls_search (calls_search) VALUES ('rebuild');

      CREATE TABLE call_parties (
        remote_number TEXT NOT NULL,
        remote_name   TEXT NOT NULL,
        PRIMARY KEY (remote_number, remote_name)
      ) STRICT, WITHOUT ROWID;
      INSERT OR IGNORE INTO call_parties (remote_number, remote_name)
        SELECT remote_number, COALESCE(remote_name, '') FROM calls;

      CREATE TRIGGER calls_search_insert AFTER INSERT ON calls BEGIN
        INSERT INTO calls_search (rowid, remote_number, remote_name)
        VALUES (new.rowid, new.remote_number, new.remote_name);
        -- Not OR IGNORE: an outer upsert's conflict handling would override a trigger's.
        INSERT INTO call_parties (remote_number, remote_name)
        SELECT new.remote_number, COALESCE(new.remote_name, '')
        WHERE NOT EXISTS (SELECT 1 FROM call_parties
                          WHERE remote_number = new.remote_number AND remote_name = COALESCE(new.remote_name, ''));
      END;
      CREATE TRIGGER calls_search_delete AFTER DELETE ON calls BEGIN
        INSERT INTO calls_search (calls_search, rowid, remote_number, remote_name)
        VALUES ('delete', old.rowid, old.remote_number, old.remote_name);
      END;
      CREATE TRIGGER calls_search_update AFTER UPDATE OF remote_number, remote_name ON calls
      WHEN old.remote_number IS NOT new.remote_number OR old.remote_name IS NOT new.remote_name
      BEGIN
        INSERT INTO calls_search (calls_search, rowid, remote_number, remote_name)
        VALUES ('delete', old.rowid, old.remote_number, old.remote_name);
        INSERT INTO calls_search (rowid, remote_number, remote_name)
        VALUES (new.rowid, new.remote_number, new.remote_name);
        -- Not OR IGNORE: an outer upsert's conflict handling would override a trigger's.
        INSERT INTO call_parties (remote_number, remote_name)
        SELECT new.remote_number, COALESCE(new.remote_name, '')
        WHERE NOT EXISTS (SELECT 1 FROM call_parties
                          WHERE remote_number = new.remote_number AND remote_name = COALESCE(new.remote_name, ''));
      END;

      CREATE TABLE history_meta (
        key   TEXT    NOT NULL PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
