import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { callLogMigrations } from './index.ts';

describe('migration 0003 history-queries', () => {
  it('upgrades a version-2 database: rows kept, searchable, indexed, and the search index follows writes', () => {
    const db = new Database(':memory:');
    migrate(db, callLogMigrations, 2);
    const insert = db.prepare(
      `INSERT INTO calls (id, direction, phase, remote_number, remote_name, started_at, ended_at, outcome, last_seen_at)
       VALUES (?, ?, 'ended', ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('a', 'incoming', '+4930123456', 'Bob Müller', 1_000, 2_000, 'missed', 2_000);
    insert.run('b', 'outgoing', '1001', '爱丽丝', 3_000, 4_000, 'answered', 4_000);

    expect(migrate(db, callLogMigrations, 3)).toEqual({ from: 2, to: 3 });
    expect(userVersion(db)).toBe(3);
    const search = (term: string) =>
      db
        .prepare(
          `SELECT calls.id FROM calls_search JOIN calls ON calls.rowid = calls_search.rowid
           WHERE calls_search MATCH ? ORDER BY calls.id`,
        )
        .pluck()
        .all(`"${term}"`);
    // Rows written before the upgrade were indexed by the rebuild.
    expect(search('0123')).toEqual(['a']);
    expect(search('müller')).toEqual(['a']);
    expect(search('爱丽丝')).toEqual(['b']);

    // Distinct (number, name) pairs for short search terms, backfilled too.
    expect(
      db.prepare('SELECT remote_number, remote_name FROM call_parties ORDER BY remote_number').raw().all(),
    ).toEqual([
      ['+4930123456', 'Bob Müller'],
      ['1001', '爱丽丝'],
    ]);

    // Triggers keep it in step with later inserts, renames and deletes.
    insert.run('c', 'incoming', '5550199', 'Carol', 5_000, 6_000, 'answered', 6_000);
    expect(search('0199')).toEqual(['c']);
    db.prepare(`UPDATE calls SET remote_name = 'Caroline' WHERE id = 'c'`).run();
    expect(search('oline')).toEqual(['c']);
    expect(db.prepare(`SELECT remote_name FROM call_parties WHERE remote_number = '5550199'`).pluck().all()).toEqual([
      'Carol',
      'Caroline',
    ]);
    db.prepare(`DELETE FROM calls WHERE id = 'a'`).run();
    expect(search('0123')).toEqual([]);
    expect(db.prepare(`INSERT INTO calls_search (calls_search) VALUES ('integrity-check')`).run()).toBeTruthy();

    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls'`)
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(['calls_direction_started', 'calls_missed_started', 'calls_number_started']),
    );
    db.prepare(`INSERT INTO history_meta (key, value) VALUES ('missed_seen_at', 1)`).run();
    expect(() => db.prepare(`INSERT INTO history_meta (key, value) VALUES ('x', 'text')`).run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    db.close();
  });
});
