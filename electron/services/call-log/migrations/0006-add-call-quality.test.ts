import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0006 add-call-quality', () => {
  it('upgrades a version-5 database, keeping rows, which have no quality measured', () => {
    const db = new Database(':memory:');
    migrate(db, callLogMigrations, 5);
    db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, started_at, answered_at, ended_at, outcome,
                          duration_sec, last_seen_at, was_held)
       VALUES ('old', 'outgoing', 'ended', '1003', 1000, 2000, 9000, 'answered', 7, 9000, 1)`,
    ).run();

    expect(migrate(db, callLogMigrations, 6)).toEqual({ from: 5, to: 6 });
    expect(userVersion(db)).toBe(6);
    expect(db.prepare('SELECT id, was_held, duration_sec, quality_min_mos, quality_avg_mos FROM calls').all()).toEqual([
      { id: 'old', was_held: 1, duration_sec: 7, quality_min_mos: null, quality_avg_mos: null },
    ]);

    db.prepare(
      `UPDATE calls SET quality_min_mos = 3.1, quality_avg_mos = 4.2, quality_loss_pct = 2.5, quality_jitter_ms = 4
       WHERE id = 'old'`,
    ).run();
    expect(db.prepare('SELECT quality_min_mos, quality_loss_pct FROM calls').get()).toEqual({
      quality_min_mos: 3.1,
      quality_loss_pct: 2.5,
    });
    db.close();
  });
});
