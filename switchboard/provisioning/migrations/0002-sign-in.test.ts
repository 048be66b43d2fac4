import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError, userVersion } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('provisioning migrations', () => {
  it('upgrades a version-1 directory to version 2, keeping companies and people', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 1);
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, '示例科技 Demo Tech', 1)`).run();
    db.prepare(`INSERT INTO departments (id, company_id, name) VALUES (1, 1, 'Sales')`).run();
    db.prepare(
      `INSERT INTO people (id, company_id, department_id, name, mobile, extension, created_at)
       VALUES (1, 1, 1, '王小明', '+8613800138000', '8001', 1)`,
    ).run();

    expect(migrate(db, provisioningMigrations, 2)).toEqual({ from: 1, to: 2 });
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT name, mobile, extension, call_permission FROM people').all()).toEqual([
      { name: '王小明', mobile: '+8613800138000', extension: '8001', call_permission: 'internal' },
    ]);
    // The new tables work with the old rows.
    db.prepare(
      `INSERT INTO devices (id, person_id, sip_username, token_hash, client_address, created_at)
       VALUES ('d1', 1, '8001', x'00', '127.0.0.1', 2)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO devices (id, person_id, sip_username, token_hash, client_address, created_at)
           VALUES ('d2', 1, '8001', x'00', '127.0.0.1', 3)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it('is idempotent and refuses a database from a newer build', () => {
    const db = new Database(':memory:');
    migrate(db, provisioningMigrations);
    const latest = provisioningMigrations.length;
    expect(migrate(db, provisioningMigrations)).toEqual({ from: latest, to: latest });
    db.pragma('user_version = 99');
    expect(() => migrate(db, provisioningMigrations)).toThrow(SchemaTooNewError);
    db.close();
  });

  it('rejects numbers that are not E.164 and extensions that are not digits', () => {
    const db = new Database(':memory:');
    migrate(db, provisioningMigrations);
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'C', 1)`).run();
    const insert = db.prepare(
      `INSERT INTO people (company_id, name, mobile, extension, created_at) VALUES (1, 'X', ?, ?, 1)`,
    );
    expect(() => insert.run('13800138000', '8001')).toThrow(/CHECK/);
    expect(() => insert.run('+8613800138000', '80a1')).toThrow(/CHECK/);
    db.close();
  });
});
