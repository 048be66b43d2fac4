import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0004 add-was-held', () => {
  it('upgrades a version-3 database, keeping rows, which were never held', () => {
    const db = new Database(':memory:');
    migrate(db, callLogMigrations, 3);
    db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, started_at, answered_at, ended_at, outcome,
                          duration_sec, last_seen_at)
       VALUES ('old', 'outgoing', 'ended', '1003', 1000, 2000, 9000, 'answered', 7, 9000)`,
    ).run();

    expect(migrate(db, callLogMigrations, 4)).toEqual({ from: 3, to: 4 });
    expect(userVersion(db)).toBe(4);
    expect(db.prepare('SELECT id, was_held, duration_sec, last_seen_at FROM calls').all()).toEqual([
      { id: 'old', was_held: 0, duration_sec: 7, last_seen_at: 9000 },
    ]);
    db.close();
  });
});
