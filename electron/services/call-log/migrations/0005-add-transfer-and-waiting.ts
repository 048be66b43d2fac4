import type { Migration } from './migration.ts';

/*
 * Transfers and call waiting (issue 5): whom we transferred the call to and how ('blind' or
 * 'attended'; both NULL when it was not transferred), and whether the call came in while another
 * was up (call waiting). Older calls were neither.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'add-transfer-and-waiting',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN transfer_kind TEXT CHECK (transfer_kind IN ('blind', 'attended'));
      ALTER TABLE calls ADD COLUMN transfer_target TEXT;
      ALTER TABLE calls ADD COLUMN was_waiting INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
