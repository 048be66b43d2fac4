import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0001 create-calls', () => {
  it('upgrades an empty version-0 database', () => {
    const db = new Database(':memory:');
    expect(userVersion(db)).toBe(0);
    expect(migrate(db, callLogMigrations, 1)).toEqual({ from: 0, to: 1 });
    expect(userVersion(db)).toBe(1);

    db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, started_at) VALUES ('a', 'outgoing', 'dialing', '1002', 1)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO calls (id, direction, phase, remote_number, started_at) VALUES ('b', 'sideways', 'dialing', '1', 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    // STRICT: a time stored as text would break ordering, so it must be refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO calls (id, direction, phase, remote_number, started_at) VALUES ('c', 'outgoing', 'dialing', '1', 'noon')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });
});
