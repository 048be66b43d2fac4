import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

function versionSixDirectory() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, provisioningMigrations, 6);
  db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'A', 1), (2, 'B', 1)`).run();
  db.prepare(`INSERT INTO departments (id, company_id, name) VALUES (1, 1, 'Sales'), (2, 2, 'Sales')`).run();
  db.prepare(
    `INSERT INTO people (id, company_id, department_id, name, mobile, extension, created_at)
     VALUES (1, 1, 1, 'A1', '+8613800138000', '8001', 1), (2, 2, 2, 'B1', '+8613800138001', '9001', 1),
            (3, 2, 2, 'B2', '+8613800138002', '9002', 1)`,
  ).run();
  db.prepare(`DELETE FROM people WHERE id = 3`).run();
  return db;
}

describe('migration 0007: a directory clock per company', () => {
  it('keeps every version and tombstone, and starts each company from the global clock (no cursor is ahead)', () => {
    const db = versionSixDirectory();
    const global = db.prepare('SELECT version FROM directory_clock').pluck().get() as number;
    const versions = db.prepare('SELECT id, version FROM people ORDER BY id').all();
    expect(migrate(db, provisioningMigrations, 7)).toEqual({ from: 6, to: 7 });
    expect(db.prepare('SELECT id, version FROM people ORDER BY id').all()).toEqual(versions);
    expect(db.prepare('SELECT company_id, version FROM directory_clocks ORDER BY company_id').all()).toEqual([
      { company_id: 1, version: global },
      { company_id: 2, version: global },
    ]);
    expect(db.prepare('SELECT company_id, version, kind, entity_id FROM directory_tombstones').all()).toEqual([
      { company_id: 2, version: global, kind: 'person', entity_id: 3 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it("stamps on the company's own clock; a new company starts at 0; a deleted one takes its clock along", () => {
    const db = versionSixDirectory();
    migrate(db, provisioningMigrations, 7);
    const clock = (company: number) =>
      db.prepare('SELECT version FROM directory_clocks WHERE company_id = ?').pluck().get(company) as number;
    const start = clock(1);
    db.prepare(`UPDATE people SET name = 'B1 renamed' WHERE id = 2`).run();
    db.prepare(`DELETE FROM people WHERE id = 2`).run();
    db.prepare(`INSERT INTO departments (company_id, name) VALUES (2, 'Support')`).run();
    expect(clock(1)).toBe(start);
    expect(clock(2)).toBe(start + 3);
    db.prepare(`UPDATE people SET name = 'A1 renamed' WHERE id = 1`).run();
    expect(clock(1)).toBe(start + 1);
    expect(db.prepare('SELECT version FROM people WHERE id = 1').pluck().get()).toBe(start + 1);

    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (3, 'C', 2)`).run();
    db.prepare(`INSERT INTO departments (company_id, name) VALUES (3, 'Ops')`).run();
    expect(clock(3)).toBe(1);
    db.prepare(`DELETE FROM companies WHERE id = 2`).run();
    expect(db.prepare('SELECT company_id FROM directory_clocks ORDER BY company_id').pluck().all()).toEqual([1, 3]);
    expect(db.prepare('SELECT count(*) FROM directory_tombstones WHERE company_id = 2').pluck().get()).toBe(0);
    db.close();
  });
});
