import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

function versionFourCompany() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, provisioningMigrations, 4);
  db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1)`).run();
  db.prepare(
    `INSERT INTO people (id, company_id, name, mobile, extension, created_at)
     VALUES (1, 1, '王小明', '+8613800138000', '8001', 1000), (2, 1, 'Anna', '+4915112345678', '8003', 2000)`,
  ).run();
  return db;
}

describe('migration 0005: agent status and call groups', () => {
  it('gives every existing person an Offline status until they sign in, and companies the default policy', () => {
    const db = versionFourCompany();
    expect(migrate(db, provisioningMigrations, 5)).toEqual({ from: 4, to: 5 });
    expect(db.prepare('SELECT person_id, status, since, idle_since, ring_target FROM agent_state').all()).toEqual([
      { person_id: 1, status: 'offline', since: 1000, idle_since: null, ring_target: 'computer' },
      { person_id: 2, status: 'offline', since: 2000, idle_since: null, ring_target: 'computer' },
    ]);
    expect(
      db.prepare('SELECT after_call_work_sec, ring_timeout_sec, break_reasons, auto_answer FROM companies').get(),
    ).toEqual({
      after_call_work_sec: 30,
      ring_timeout_sec: 20,
      break_reasons: '["Lunch","Meeting","Training"]',
      auto_answer: 'user-choice',
    });
    // A person added later gets their status row too.
    db.prepare(
      `INSERT INTO people (id, company_id, name, mobile, extension, created_at) VALUES (3, 1, 'C', '+8613900139000', '8004', 3000)`,
    ).run();
    expect(db.prepare('SELECT status, idle_since FROM agent_state WHERE person_id = 3').get()).toEqual({
      status: 'offline',
      idle_since: null,
    });
    expect(() => db.prepare(`UPDATE companies SET auto_answer = 'sometimes'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE companies SET break_reasons = 'Lunch'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE agent_state SET status = 'after-call-work'`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('keeps group numbers unique on the switchboard, apart from extensions, and drops members with their person', () => {
    const db = versionFourCompany();
    migrate(db, provisioningMigrations, 5);
    const addGroup = db.prepare(
      `INSERT INTO call_groups (company_id, number, name, created_at) VALUES (1, ?, 'Hotline', 1)`,
    );
    const groupId = Number(addGroup.run('8200').lastInsertRowid);
    expect(() => addGroup.run('8200')).toThrow(/UNIQUE/);
    expect(() => addGroup.run('8001')).toThrow(/extension/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO people (company_id, name, mobile, extension, created_at) VALUES (1, 'X', '+8613700137000', '8200', 1)`,
        )
        .run(),
    ).toThrow(/call group/);
    db.prepare(`INSERT INTO call_group_members (group_id, person_id) VALUES (?, 1), (?, 2)`).run(groupId, groupId);
    db.prepare(`DELETE FROM people WHERE id = 1`).run();
    expect(db.prepare('SELECT person_id FROM call_group_members').pluck().all()).toEqual([2]);
    expect(db.prepare('SELECT count(*) FROM agent_state').pluck().get()).toBe(1);
    db.close();
  });
});
