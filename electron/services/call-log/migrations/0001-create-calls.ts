import type { Migration } from './migration.ts';

/*
 * The allowed values are spelled out rather than taken from domain.ts on purpose: a migration
 * must create the same schema forever, even after the zod enums grow. Widening a CHECK later
 * means a new migration that rebuilds the table.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'create-calls',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id            TEXT    NOT NULL PRIMARY KEY,
        direction     TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        phase         TEXT    NOT NULL
                      CHECK (phase IN ('dialing', 'ringing', 'incoming', 'connecting', 'connected', 'ended')),
        remote_number TEXT    NOT NULL,
        remote_name   TEXT,
        started_at    INTEGER NOT NULL,
        answered_at   INTEGER,
        ended_at      INTEGER,
        outcome       TEXT
                      CHECK (outcome IN ('answered', 'missed', 'declined', 'cancelled', 'busy',
                                         'no-answer', 'failed', 'interrupted')),
        end_reason    TEXT,
        duration_sec  INTEGER NOT NULL DEFAULT 0 CHECK (duration_sec >= 0)
      ) STRICT;

      -- Serves list(): newest first with keyset paging on (started_at, id), no sort step.
      CREATE INDEX calls_started_at_id ON calls (started_at DESC, id DESC);
    `);
  },
};
