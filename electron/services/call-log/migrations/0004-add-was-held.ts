import type { Migration } from './migration.ts';

/* Whether either side put the call on hold at some point; older calls were never held. */
export const migration0004: Migration = {
  version: 4,
  name: 'add-was-held',
  up(db) {
    db.exec(`ALTER TABLE calls ADD COLUMN was_held INTEGER NOT NULL DEFAULT 0;`);
  },
};
