import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

function versionTwoDirectory() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, provisioningMigrations, 2);
  db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, '示例科技 Demo Tech', 1)`).run();
  db.prepare(`INSERT INTO departments (id, company_id, name) VALUES (1, 1, 'Sales'), (2, 1, 'Support')`).run();
  db.prepare(
    `INSERT INTO people (id, company_id, department_id, name, mobile, extension, created_at)
     VALUES (1, 1, 1, '王小明', '+8613800138000', '8001', 1), (2, 1, 2, 'Anna', '+4915112345678', '8003', 1)`,
  ).run();
  db.prepare(
    `INSERT INTO devices (id, person_id, sip_username, token_hash, client_address, created_at)
     VALUES ('d1', 1, '8001', x'00', '127.0.0.1', 2)`,
  ).run();
  return db;
}

describe('migration 0003: department tree and change feed', () => {
  it('keeps every person in their department and every device, and versions existing rows', () => {
    const db = versionTwoDirectory();
    expect(migrate(db, provisioningMigrations, 3)).toEqual({ from: 2, to: 3 });
    expect(userVersion(db)).toBe(3);
    expect(db.prepare('SELECT id, department_id, version FROM people ORDER BY id').all()).toEqual([
      { id: 1, department_id: 1, version: 3 },
      { id: 2, department_id: 2, version: 4 },
    ]);
    expect(db.prepare('SELECT id, parent_id, name, version FROM departments ORDER BY id').all()).toEqual([
      { id: 1, parent_id: null, name: 'Sales', version: 1 },
      { id: 2, parent_id: null, name: 'Support', version: 2 },
    ]);
    expect(db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(1);
    expect(db.prepare('SELECT version FROM directory_clock').pluck().get()).toBe(4);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('stamps every change with the next version and leaves tombstones for deletions', () => {
    const db = versionTwoDirectory();
    migrate(db, provisioningMigrations, 3);
    db.prepare(`INSERT INTO departments (id, company_id, parent_id, name) VALUES (3, 1, 1, 'East')`).run();
    expect(db.prepare('SELECT version FROM departments WHERE id = 3').pluck().get()).toBe(5);
    db.prepare(`UPDATE people SET department_id = 3 WHERE id = 1`).run();
    expect(db.prepare('SELECT version FROM people WHERE id = 1').pluck().get()).toBe(6);
    db.prepare(`DELETE FROM people WHERE id = 2`).run();
    expect(db.prepare('SELECT version, kind, entity_id FROM directory_tombstones').all()).toEqual([
      { version: 7, kind: 'person', entity_id: 2 },
    ]);
    // Sibling names are unique, also at the root; the same name elsewhere in the tree is fine.
    expect(() => db.prepare(`INSERT INTO departments (company_id, name) VALUES (1, 'Sales')`).run()).toThrow(/UNIQUE/);
    db.prepare(`INSERT INTO departments (company_id, parent_id, name) VALUES (1, 2, 'East')`).run();
    // Deleting a department moves its people and sub-departments up (SET NULL), each with a new version.
    db.prepare(`DELETE FROM departments WHERE id = 3`).run();
    const person = db.prepare('SELECT department_id, version FROM people WHERE id = 1').get() as {
      department_id: number | null;
      version: number;
    };
    expect(person.department_id).toBeNull();
    expect(person.version).toBeGreaterThan(7);
    db.close();
  });
});
