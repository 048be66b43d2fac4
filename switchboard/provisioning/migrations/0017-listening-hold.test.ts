import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0017: listening hold', () => {
  it("leaves every existing company's hold to each user, keeps its other settings, and accepts only on, off or user-choice", () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 16);
    db.exec(`INSERT INTO companies (id, name, created_at, auto_answer, wrap_up_required)
      VALUES (1, 'Demo', 1, 'always', 1)`);

    expect(migrate(db, provisioningMigrations, 17)).toEqual({ from: 16, to: 17 });
    expect(db.prepare('SELECT auto_answer, wrap_up_required, listening_hold FROM companies').get()).toEqual({
      auto_answer: 'always',
      wrap_up_required: 1,
      listening_hold: 'user-choice',
    });
    expect(() => db.exec(`UPDATE companies SET listening_hold = 'maybe'`)).toThrow(/CHECK/);
    db.exec(`UPDATE companies SET listening_hold = 'on'`);
    db.exec(`UPDATE companies SET listening_hold = 'off'`);
    db.close();
  });
});
