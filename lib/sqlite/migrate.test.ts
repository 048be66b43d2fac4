import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SchemaTooNewError, migrate, userVersion } from './migrate.ts';
import type { Migration } from './migration.ts';

/** Two plain steps: the runner is generic, so its tests use no real store's schema. */
const steps: Migration[] = [
  { version: 1, name: 'create', up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)') },
  { version: 2, name: 'add-seen', up: (db) => db.exec('ALTER TABLE notes ADD COLUMN seen INTEGER') },
];

describe('migrate', () => {
  it('runs every migration on a new database and is a no-op the second time', () => {
    const db = new Database(':memory:');
    expect(migrate(db, steps)).toEqual({ from: 0, to: steps.length });
    expect(migrate(db, steps)).toEqual({ from: steps.length, to: steps.length });
    db.close();
  });

  it('rolls a failing step back completely, version included', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [steps[0]!, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer build', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${steps.length + 1}`);
    expect(() => migrate(db, steps)).toThrow(SchemaTooNewError);
    db.close();
  });

  it('rejects gaps in migration numbering', () => {
    const db = new Database(':memory:');
    const skipped: Migration = { version: 3, name: 'skipped', up() {} };
    expect(() => migrate(db, [steps[0]!, skipped])).toThrow(/expected 2/);
    db.close();
  });
});
