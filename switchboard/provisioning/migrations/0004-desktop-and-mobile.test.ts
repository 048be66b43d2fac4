import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0004: desktop and mobile', () => {
  it('keeps devices signed in (as desktop), defaults companies to "allowed", one active device per app', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 3);
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1)`).run();
    db.prepare(
      `INSERT INTO people (id, company_id, name, mobile, extension, created_at)
       VALUES (1, 1, '王小明', '+8613800138000', '8001', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO devices (id, person_id, sip_username, token_hash, client_address, created_at)
       VALUES ('d1', 1, '8001', x'00', '127.0.0.1', 2)`,
    ).run();

    expect(migrate(db, provisioningMigrations, 4)).toEqual({ from: 3, to: 4 });
    expect(db.prepare('SELECT desktop_with_mobile FROM companies').pluck().get()).toBe('allowed');
    expect(db.prepare('SELECT id, app, revoked_at FROM devices').all()).toEqual([
      { id: 'd1', app: 'desktop', revoked_at: null },
    ]);
    const insert = db.prepare(
      `INSERT INTO devices (id, person_id, app, sip_username, token_hash, client_address, created_at)
       VALUES (?, 1, ?, '8001', x'00', '127.0.0.1', 3)`,
    );
    insert.run('m1', 'mobile');
    expect(() => insert.run('d2', 'desktop')).toThrow(/UNIQUE/);
    expect(() => insert.run('m2', 'mobile')).toThrow(/UNIQUE/);
    expect(() => insert.run('t1', 'tablet')).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE companies SET desktop_with_mobile = 'sometimes'`).run()).toThrow(/CHECK/);
    db.close();
  });
});
