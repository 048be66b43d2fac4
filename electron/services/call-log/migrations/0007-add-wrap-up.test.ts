import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0007 add-wrap-up', () => {
  it('upgrades a version-6 database, keeping rows, which have no wrap-up and none missing', () => {
    const db = new Database(':memory:');
    migrate(db, callLogMigrations, 6);
    db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, started_at, answered_at, ended_at, outcome,
                          duration_sec, last_seen_at, was_held, quality_avg_mos)
       VALUES ('old', 'incoming', 'ended', '1003', 1000, 2000, 9000, 'answered', 7, 9000, 0, 4.1)`,
    ).run();

    expect(migrate(db, callLogMigrations, 7)).toEqual({ from: 6, to: 7 });
    expect(userVersion(db)).toBe(7);
    expect(
      db
        .prepare('SELECT id, duration_sec, quality_avg_mos, wrap_up_code, wrap_up_note, wrap_up_missing FROM calls')
        .all(),
    ).toEqual([
      { id: 'old', duration_sec: 7, quality_avg_mos: 4.1, wrap_up_code: null, wrap_up_note: null, wrap_up_missing: 0 },
    ]);

    db.prepare(
      `UPDATE calls SET wrap_up_code = 'inquiry', wrap_up_label = 'Inquiry', wrap_up_note = 'Asked about prices'`,
    ).run();
    expect(db.prepare('SELECT wrap_up_code, wrap_up_label FROM calls').get()).toEqual({
      wrap_up_code: 'inquiry',
      wrap_up_label: 'Inquiry',
    });
    expect(() => db.prepare('UPDATE calls SET wrap_up_missing = 2').run()).toThrow(/CHECK/);
    db.close();
  });
});
