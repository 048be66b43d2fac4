import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SchemaTooNewError, migrate, userVersion } from './migrate.ts';
import type { Migration } from './migration.ts';
import { callLogMigrations } from '../call-log/migrations/index.ts';

describe('migrate', () => {
  it('runs every migration on a new database and is a no-op the second time', () => {
    const db = new Database(':memory:');
    expect(migrate(db, callLogMigrations)).toEqual({ from: 0, to: callLogMigrations.length });
    expect(migrate(db, callLogMigrations)).toEqual({ from: callLogMigrations.length, to: callLogMigrations.length });
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
    expect(() => migrate(db, [callLogMigrations[0]!, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer build', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${callLogMigrations.length + 1}`);
    expect(() => migrate(db, callLogMigrations)).toThrow(SchemaTooNewError);
    db.close();
  });

  it('rejects gaps in migration numbering', () => {
    const db = new Database(':memory:');
    const skipped: Migration = { version: 3, name: 'skipped', up() {} };
    expect(() => migrate(db, [callLogMigrations[0]!, skipped])).toThrow(/expected 2/);
    db.close();
  });
});
