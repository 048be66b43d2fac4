import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0012: station', () => {
  it('keeps every agent state, lets calls ring a desk phone or a typed number, and still gives new people a state', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 11);
    db.exec(`
      INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1);
      INSERT INTO people (id, company_id, name, mobile, extension, created_at)
        VALUES (1, 1, 'Anna', '+8613800138000', '8001', 1), (2, 1, 'Erik', '+8613800138001', '8002', 1);
      UPDATE agent_state SET ring_target = 'mobile', status = 'break', reason = 'Lunch' WHERE person_id = 2;
      INSERT INTO devices (id, person_id, sip_username, token_hash, client_address, created_at, revoked_at,
        revoked_reason, app) VALUES ('d1', 1, '8001', x'aa', '10.0.0.1', 5, 6, 'replaced', 'mobile'),
        ('d2', 1, '8001', x'bb', '10.0.0.1', 7, NULL, NULL, 'desktop');
    `);
    const devicesBefore = db.prepare('SELECT * FROM devices ORDER BY id').all();
    const revokeForPassword = db.prepare(
      `UPDATE devices SET revoked_at = 9, revoked_reason = 'password-changed' WHERE id = 'd2'`,
    );
    expect(() => revokeForPassword.run()).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM agent_state ORDER BY person_id').all();
    expect(() => db.exec(`UPDATE agent_state SET ring_target = 'desk' WHERE person_id = 1`)).toThrow(/CHECK/);

    expect(migrate(db, provisioningMigrations, 12)).toEqual({ from: 11, to: 12 });
    expect(
      db
        .prepare('SELECT * FROM agent_state ORDER BY person_id')
        .all()
        .map((row) => {
          const { ring_number, desk_phone, ...rest } = row as Record<string, unknown>;
          expect([ring_number, desk_phone]).toEqual([null, null]);
          return rest;
        }),
    ).toEqual(before);
    // Devices are kept, one active per person and app still, and a password change is a reason of its own.
    expect(db.prepare('SELECT * FROM devices ORDER BY id').all()).toEqual(devicesBefore);
    expect(() =>
      db.exec(`INSERT INTO devices (id, person_id, sip_username, token_hash, client_address, created_at)
        VALUES ('d3', 1, '8001', x'cc', '10.0.0.1', 8)`),
    ).toThrow(/UNIQUE/);
    revokeForPassword.run();
    // A typed number and a desk phone are needed for those targets, and a number must look like E.164.
    expect(() => db.exec(`UPDATE agent_state SET ring_target = 'number' WHERE person_id = 1`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE agent_state SET ring_target = 'desk' WHERE person_id = 1`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE agent_state SET ring_number = '12345' WHERE person_id = 1`)).toThrow(/CHECK/);
    db.exec(`UPDATE agent_state SET ring_target = 'number', ring_number = '+46701234567' WHERE person_id = 1`);
    db.exec(`UPDATE agent_state SET ring_target = 'desk', desk_phone = '1003' WHERE person_id = 2`);
    db.exec(`INSERT INTO people (id, company_id, name, mobile, extension, created_at)
      VALUES (3, 1, 'Li', '+8613800138002', '8003', 7)`);
    expect(db.prepare('SELECT status, since, ring_target FROM agent_state WHERE person_id = 3').get()).toEqual({
      status: 'offline',
      since: 7,
      ring_target: 'computer',
    });
    db.prepare('DELETE FROM people WHERE id = 3').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM agent_state').get()).toEqual({ n: 2 });
    db.close();
  });
});
