import type { Migration } from './migration.ts';

/*
 * Wrap-up codes (issue 20): the code the agent picked during the after-call work that followed the
 * call, its label as the company's list had it then (the list may change later), an optional note,
 * and whether a required code was missing when after-call work ended. NULL / 0 for older calls.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'add-wrap-up',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN wrap_up_code TEXT;
      ALTER TABLE calls ADD COLUMN wrap_up_label TEXT;
      ALTER TABLE calls ADD COLUMN wrap_up_note TEXT;
      ALTER TABLE calls ADD COLUMN wrap_up_missing INTEGER NOT NULL DEFAULT 0 CHECK (wrap_up_missing IN (0, 1));
    `);
  },
};
