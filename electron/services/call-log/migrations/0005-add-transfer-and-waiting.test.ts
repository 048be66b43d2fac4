import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0005 add-transfer-and-waiting', () => {
  it('upgrades a version-4 database, keeping rows, which were neither transferred nor waiting', () => {
    const db = new Database(':memory:');
    migrate(db, callLogMigrations, 4);
    db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, started_at, answered_at, ended_at, outcome,
                          duration_sec, last_seen_at, was_held)
       VALUES ('old', 'incoming', 'ended', '1003', 1000, 2000, 9000, 'answered', 7, 9000, 1)`,
    ).run();

    expect(migrate(db, callLogMigrations, 5)).toEqual({ from: 4, to: 5 });
    expect(userVersion(db)).toBe(5);
    expect(
      db.prepare('SELECT id, was_held, transfer_kind, transfer_target, was_waiting, duration_sec FROM calls').all(),
    ).toEqual([
      { id: 'old', was_held: 1, transfer_kind: null, transfer_target: null, was_waiting: 0, duration_sec: 7 },
    ]);
    db.prepare("UPDATE calls SET transfer_kind = 'attended', transfer_target = '8002' WHERE id = 'old'").run();
    expect(() => db.prepare("UPDATE calls SET transfer_kind = 'sideways' WHERE id = 'old'").run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });
});
