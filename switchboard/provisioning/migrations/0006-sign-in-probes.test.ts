import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0006: sign-in probes', () => {
  it('keeps open codes, counts and lockouts (now per account); code calls so far count as code requests; decoys may name any company', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 5);
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1), (2, 'Other', 1)`).run();
    db.prepare(
      `INSERT INTO people (company_id, name, mobile, extension, created_at)
       VALUES (1, 'Wang', '+8613800138000', '8001', 1), (2, 'Wang', '+8613800138000', '9001', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO lockouts (mobile, locked_until, reason) VALUES ('+8613800138000', 900, 'too-many-tries')`,
    ).run();
    db.prepare(
      `INSERT INTO codes (id, mobile, company_id, code_hash, created_at, expires_at, wrong_tries)
       VALUES (7, '+8613800138000', 1, x'01', 10, 310, 2)`,
    ).run();
    db.prepare(
      `INSERT INTO attempts (kind, mobile, client_address, at)
       VALUES ('code-call', '+8613800138000', '203.0.113.7', 10), ('lookup', '+8613800138000', '203.0.113.7', 5)`,
    ).run();

    expect(migrate(db, provisioningMigrations, 6)).toEqual({ from: 5, to: 6 });
    expect(db.prepare('SELECT id, company_id, wrong_tries, state FROM codes').all()).toEqual([
      { id: 7, company_id: 1, wrong_tries: 2, state: 'open' },
    ]);
    // Counted per account from now on: an old count holds in every company that registered the number.
    expect(
      db.prepare('SELECT kind, company_id, client_address, at FROM attempts ORDER BY kind, company_id').all(),
    ).toEqual([
      { kind: 'code-call', company_id: 1, client_address: '203.0.113.7', at: 10 },
      { kind: 'code-call', company_id: 2, client_address: '203.0.113.7', at: 10 },
      { kind: 'code-request', company_id: null, client_address: '203.0.113.7', at: 10 },
      { kind: 'lookup', company_id: null, client_address: '203.0.113.7', at: 5 },
    ]);
    expect(db.prepare('SELECT company_id, locked_until FROM lockouts ORDER BY company_id').all()).toEqual([
      { company_id: 1, locked_until: 900 },
      { company_id: 2, locked_until: 900 },
    ]);
    db.prepare(
      `INSERT INTO codes (mobile, company_id, code_hash, created_at, expires_at) VALUES ('+8613000000000', 99, x'02', 20, 320)`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO attempts (kind, client_address, at) VALUES ('scan', '203.0.113.7', 30)`).run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
