import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0008: callback requests', () => {
  it('adds the callback log next to an existing directory and devices, which it leaves as they were', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 7);
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1)`).run();
    db.prepare(
      `INSERT INTO people (id, company_id, name, mobile, extension, created_at)
       VALUES (1, 1, '王小明', '+8613800138000', '8001', 1)`,
    ).run();
    const people = db.prepare('SELECT * FROM people').all();

    expect(migrate(db, provisioningMigrations, 8)).toEqual({ from: 7, to: 8 });
    expect(db.prepare('SELECT * FROM people').all()).toEqual(people);
    const insert = db.prepare(
      `INSERT INTO callback_requests (id, company_id, person_id, device_id, to_number, at) VALUES (?, 1, 1, 'd1', ?, 5)`,
    );
    insert.run('c1', '+8613912345678');
    expect(() => insert.run('c1', '8002')).toThrow(/UNIQUE/);
    expect(() => insert.run('c2', '')).toThrow(/CHECK/);
    expect(db.prepare('SELECT id, to_number FROM callback_requests').all()).toEqual([
      { id: 'c1', to_number: '+8613912345678' },
    ]);
    db.close();
  });
});
