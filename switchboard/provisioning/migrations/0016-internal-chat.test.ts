import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

describe('migration 0016: internal chat', () => {
  it('keeps existing customer chats and then holds one internal chat per pair of colleagues with each one’s marks', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 15);
    db.exec(`
      INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1);
      INSERT INTO people (id, company_id, name, mobile, extension, created_at) VALUES
        (1, 1, 'Anna', '+8613800138000', '8001', 1), (2, 1, 'Bo', '+8613800138001', '8002', 1);
    `);
    const conversation = db.prepare(
      `INSERT INTO conversations (id, company_id, kind, visitor_id, visitor_token_hash, state, entered_at)
       VALUES (?, 1, ?, ?, ?, 'open', 1)`,
    );
    conversation.run('c'.repeat(22), 'customer', 'v1', Buffer.alloc(32, 7));
    const before = db.prepare('SELECT * FROM conversations').all();

    expect(migrate(db, provisioningMigrations, 16)).toEqual({ from: 15, to: 16 });
    expect(db.prepare('SELECT * FROM conversations').all()).toEqual(before);

    conversation.run('i'.repeat(22), 'internal', 'i:1:2', Buffer.alloc(32, 1));
    // One chat per pair in a company; a customer's visitor id is not held by that.
    expect(() => conversation.run('j'.repeat(22), 'internal', 'i:1:2', Buffer.alloc(32, 2))).toThrow(/UNIQUE/);
    conversation.run('k'.repeat(22), 'customer', 'i:1:2', Buffer.alloc(32, 3));

    const member = db.prepare(`INSERT INTO internal_chat_members (conversation_id, person_id) VALUES (?, ?)`);
    member.run('i'.repeat(22), 1);
    member.run('i'.repeat(22), 2);
    expect(() => member.run('i'.repeat(22), 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`UPDATE internal_chat_members SET read_seq = -1`).run()).toThrow(/CHECK/);
    expect(db.prepare(`SELECT delivered_seq, read_seq, opened_at FROM internal_chat_members`).all()).toEqual([
      { delivered_seq: 0, read_seq: 0, opened_at: null },
      { delivered_seq: 0, read_seq: 0, opened_at: null },
    ]);

    // A person leaving the company leaves their memberships; deleting the chat takes the rest.
    db.prepare('DELETE FROM people WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) AS n FROM internal_chat_members').get()).toEqual({ n: 1 });
    db.prepare('DELETE FROM conversations').run();
    expect(db.prepare('SELECT count(*) AS n FROM internal_chat_members').get()).toEqual({ n: 0 });
    db.close();
  });
});
