import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0013: wrap-up codes', () => {
  it('gives every existing company an empty wrap-up list, not required, and keeps its other settings', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 12);
    db.exec(`INSERT INTO companies (id, name, created_at, after_call_work_sec, break_reasons)
      VALUES (1, 'Demo', 1, 45, '["Lunch"]')`);

    expect(migrate(db, provisioningMigrations, 13)).toEqual({ from: 12, to: 13 });
    expect(
      db.prepare('SELECT after_call_work_sec, break_reasons, wrap_up_codes, wrap_up_required FROM companies').get(),
    ).toEqual({ after_call_work_sec: 45, break_reasons: '["Lunch"]', wrap_up_codes: '[]', wrap_up_required: 0 });
    expect(() => db.exec(`UPDATE companies SET wrap_up_codes = 'not json'`)).toThrow(/CHECK|JSON/);
    expect(() => db.exec(`UPDATE companies SET wrap_up_required = 2`)).toThrow(/CHECK/);
    db.exec(`UPDATE companies SET wrap_up_codes = '[{"code":"inquiry","label":"Inquiry"}]', wrap_up_required = 1`);
    db.close();
  });
});
