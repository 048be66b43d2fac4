import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

function atVersion9() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, provisioningMigrations, 9);
  db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1), (2, 'Other', 1)`).run();
  db.prepare(
    `INSERT INTO people (id, company_id, name, mobile, extension, created_at)
     VALUES (1, 1, '王小明', '+8613800138000', '8001', 1), (2, 2, 'Anna', '+8613800138001', '8002', 1)`,
  ).run();
  db.prepare(
    `INSERT INTO attempts (kind, mobile, company_id, client_address, at) VALUES ('wrong-code', '+8613800138000', 1, '10.0.0.1', 7)`,
  ).run();
  return db;
}

const insertAccount = `INSERT INTO accounts (company_id, person_id, email, role, password_hash, password_salt,
  password_params, created_at, password_changed_at, changed_at) VALUES (?, ?, ?, ?, x'00', x'00', '{}', 1, 1, 1)`;

describe('migration 0010: accounts', () => {
  it('adds accounts beside the directory and keeps the sign-in counters already taken', () => {
    const db = atVersion9();
    const people = db.prepare('SELECT * FROM people').all();
    expect(migrate(db, provisioningMigrations, 10)).toEqual({ from: 9, to: 10 });
    expect(db.prepare('SELECT * FROM people').all()).toEqual(people);
    expect(db.prepare('SELECT kind, mobile, company_id, client_address, at FROM attempts').all()).toEqual([
      { kind: 'wrong-code', mobile: '+8613800138000', company_id: 1, client_address: '10.0.0.1', at: 7 },
    ]);
    expect(db.prepare('SELECT account_cap, smtp_host FROM companies WHERE id = 1').get()).toEqual({
      account_cap: null,
      smtp_host: null,
    });
    db.prepare(insertAccount).run(1, 1, 'Anna.Li@example.com', 'agent');
    const account = db.prepare('SELECT must_change, failed_sign_ins FROM accounts').get();
    expect(account).toEqual({ must_change: 1, failed_sign_ins: 0 });
    db.close();
  });

  it('keeps an e-mail unique per company whatever its case, but lets another company use it', () => {
    const db = atVersion9();
    migrate(db, provisioningMigrations, 10);
    db.prepare(
      `INSERT INTO people (id, company_id, name, mobile, extension, created_at)
      VALUES (3, 1, 'Bo', '+8613800138002', '8003', 1)`,
    ).run();
    db.prepare(insertAccount).run(1, 1, 'anna.li@example.com', 'agent');
    expect(() => db.prepare(insertAccount).run(1, 3, 'ANNA.LI@example.com', 'agent')).toThrow(/UNIQUE/);
    expect(() => db.prepare(insertAccount).run(2, 2, 'ANNA.LI@example.com', 'both')).not.toThrow();
    db.close();
  });

  it('refuses an unknown role, a second account for one person and a negative company cap', () => {
    const db = atVersion9();
    migrate(db, provisioningMigrations, 10);
    expect(() => db.prepare(insertAccount).run(1, 1, 'a@example.com', 'boss')).toThrow(/CHECK/);
    db.prepare(insertAccount).run(1, 1, 'a@example.com', 'supervisor');
    expect(() => db.prepare(insertAccount).run(1, 1, 'b@example.com', 'agent')).toThrow(/UNIQUE/);
    expect(() => db.prepare(`UPDATE companies SET account_cap = -1 WHERE id = 1`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('drops a team membership and the password history with the account', () => {
    const db = atVersion9();
    migrate(db, provisioningMigrations, 10);
    const accountId = db.prepare(insertAccount).run(1, 1, 'a@example.com', 'agent').lastInsertRowid;
    db.prepare(`INSERT INTO teams (id, company_id, name) VALUES (1, 1, 'Billing')`).run();
    db.prepare(`INSERT INTO team_members (team_id, account_id) VALUES (1, ?)`).run(accountId);
    db.prepare(
      `INSERT INTO password_history (account_id, password_hash, password_salt, password_params, at) VALUES (?, x'01', x'01', '{}', 1)`,
    ).run(accountId);
    db.prepare(`DELETE FROM people WHERE id = 1`).run();
    expect(db.prepare('SELECT count(*) FROM team_members').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM password_history').pluck().get()).toBe(0);
    db.close();
  });
});
