import type { Migration } from './migration.ts';

/**
 * Callbacks asked for in mobile mode (issue 22): each accepted request, for the per-person rate limit
 * and as the record of who had the switchboard call which number (kept 30 days, callback-desk.ts).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'callback-requests',
  up(db) {
    db.exec(`
      CREATE TABLE callback_requests (
        id TEXT PRIMARY KEY,
        company_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL,
        device_id TEXT NOT NULL,
        to_number TEXT NOT NULL CHECK (length(to_number) BETWEEN 1 AND 20),
        at INTEGER NOT NULL
      );
      CREATE INDEX callback_requests_person ON callback_requests (person_id, at);
      CREATE INDEX callback_requests_at ON callback_requests (at);
    `);
  },
};
