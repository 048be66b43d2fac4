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

  /** Parents and children with a cascade, then a step that widens the parent's CHECK by recreating it. */
  const parentAndChild: Migration = {
    version: 1,
    name: 'parent-and-child',
    up: (db) =>
      db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a')));
               CREATE TABLE child (id INTEGER PRIMARY KEY,
                 parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);`),
  };
  const widen = (copy: string): Migration => ({
    version: 2,
    name: 'widen-kind',
    rebuildsTables: true,
    up: (db) =>
      db.exec(`CREATE TABLE parent_new (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b')));
               ${copy};
               DROP TABLE parent;
               ALTER TABLE parent_new RENAME TO parent;`),
  });

  it('recreates a referenced table without cascading into its children, and keeps foreign keys on after', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [parentAndChild]);
    db.exec(`INSERT INTO parent VALUES (1, 'a'); INSERT INTO child VALUES (1, 1);`);
    migrate(db, [parentAndChild, widen('INSERT INTO parent_new SELECT * FROM parent')]);
    expect(db.prepare('SELECT * FROM child').all()).toEqual([{ id: 1, parent_id: 1 }]);
    db.prepare(`INSERT INTO parent VALUES (2, 'b')`).run();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare('INSERT INTO child VALUES (2, 99)').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('rolls back a rebuild that would orphan rows, and says which table', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [parentAndChild]);
    db.exec(`INSERT INTO parent VALUES (1, 'a'); INSERT INTO child VALUES (1, 1);`);
    expect(() => migrate(db, [parentAndChild, widen('SELECT 1')])).toThrow(/child → parent/);
    expect(userVersion(db)).toBe(1);
    expect(db.prepare('SELECT * FROM parent').all()).toEqual([{ id: 1, kind: 'a' }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
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
