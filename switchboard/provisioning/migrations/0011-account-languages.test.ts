import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0011: account languages', () => {
  it('lets an account take Swedish or French mails and keeps every account, its password history and teams', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 10);
    db.exec(`
      INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1);
      INSERT INTO people (id, company_id, name, mobile, extension, created_at)
        VALUES (1, 1, 'Anna', '+8613800138000', '8001', 1), (2, 1, 'Erik', '+8613800138001', '8002', 1);
      INSERT INTO accounts (id, company_id, person_id, email, role, language, password_hash, password_salt,
        password_params, must_change, created_at, password_changed_at, changed_at)
        VALUES (7, 1, 1, 'Anna@example.com', 'both', 'en', x'01', x'02', '{"N":16384}', 0, 1, 2, 3);
      INSERT INTO password_history (account_id, password_hash, password_salt, password_params, at)
        VALUES (7, x'03', x'04', '{}', 5);
      INSERT INTO teams (id, company_id, name) VALUES (1, 1, 'Support');
      INSERT INTO team_members (team_id, account_id) VALUES (1, 7);
    `);
    const before = db.prepare('SELECT * FROM accounts').all();
    const insertAccount = db.prepare(`INSERT INTO accounts (company_id, person_id, email, role, language,
      password_hash, password_salt, password_params, created_at, password_changed_at, changed_at)
      VALUES (1, 2, 'erik@example.com', 'agent', ?, x'00', x'00', '{}', 1, 1, 1)`);
    expect(() => insertAccount.run('sv')).toThrow(/CHECK/);

    expect(migrate(db, provisioningMigrations, 11)).toEqual({ from: 10, to: 11 });
    expect(db.prepare('SELECT * FROM accounts').all()).toEqual(before);
    expect(db.prepare('SELECT account_id FROM password_history').all()).toEqual([{ account_id: 7 }]);
    expect(db.prepare('SELECT * FROM team_members').all()).toEqual([{ team_id: 1, account_id: 7 }]);
    insertAccount.run('sv');
    expect(() => db.prepare(`UPDATE accounts SET language = 'de' WHERE id = 7`).run()).toThrow(/CHECK/);
    // The e-mail stays unique per company whatever its case, and deleting an account still cascades.
    expect(() =>
      db.exec(`INSERT INTO accounts (company_id, person_id, email, role, password_hash, password_salt,
        password_params, created_at, password_changed_at, changed_at)
        VALUES (1, 2, 'ANNA@example.com', 'agent', x'00', x'00', '{}', 1, 1, 1)`),
    ).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM accounts WHERE id = 7').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM team_members').get()).toEqual({ n: 0 });
    db.close();
  });
});
