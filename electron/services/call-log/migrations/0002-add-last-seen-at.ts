import type { Migration } from './migration.ts';

/*
 * Heartbeat column so a crash leaves a plausible end time. Rows written by version 1 get the
 * best time they already have; unfinished ones are found through a partial index that stays
 * tiny because almost every row has ended.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'add-last-seen-at',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN last_seen_at INTEGER;
      UPDATE calls SET last_seen_at = COALESCE(ended_at, answered_at, started_at);
      CREATE INDEX calls_unfinished ON calls (id) WHERE ended_at IS NULL;
    `);
  },
};
