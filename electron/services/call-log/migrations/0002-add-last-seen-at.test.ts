import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0002 add-last-seen-at', () => {
  it('upgrades a version-1 database, keeping rows and backfilling last_seen_at', () => {
    const db = new Database(':memory:');
    migrate(db, callLogMigrations, 1);
    const insert = db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, started_at, answered_at, ended_at, outcome, duration_sec)
       VALUES (?, 'incoming', ?, '1003', ?, ?, ?, ?, ?)`,
    );
    insert.run('ended', 'ended', 1_000, 2_000, 9_000, 'answered', 7);
    insert.run('open-answered', 'connected', 1_000, 3_000, null, null, 0);
    insert.run('open-ringing', 'incoming', 4_000, null, null, null, 0);

    expect(migrate(db, callLogMigrations, 2)).toEqual({ from: 1, to: 2 });
    expect(userVersion(db)).toBe(2);
    const rows = db.prepare('SELECT id, last_seen_at, outcome, duration_sec FROM calls ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'ended', last_seen_at: 9_000, outcome: 'answered', duration_sec: 7 },
      { id: 'open-answered', last_seen_at: 3_000, outcome: null, duration_sec: 0 },
      { id: 'open-ringing', last_seen_at: 4_000, outcome: null, duration_sec: 0 },
    ]);
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls'`)
      .pluck()
      .all();
    expect(indexes).toContain('calls_unfinished');
    db.close();
  });
});
