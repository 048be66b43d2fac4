import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

const hash = Buffer.alloc(32, 7);

describe('migration 0009: chat', () => {
  it('adds conversations, messages and chat groups beside an existing company, which it leaves as it was', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 8);
    db.prepare(`INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1)`).run();
    db.prepare(
      `INSERT INTO people (id, company_id, name, mobile, extension, created_at)
       VALUES (1, 1, '王小明', '+8613800138000', '8001', 1)`,
    ).run();
    const people = db.prepare('SELECT * FROM people').all();

    expect(migrate(db, provisioningMigrations, 9)).toEqual({ from: 8, to: 9 });
    expect(db.prepare('SELECT * FROM people').all()).toEqual(people);

    db.prepare(`INSERT INTO chat_settings (company_id) VALUES (1)`).run();
    expect(db.prepare(`SELECT * FROM chat_settings`).get()).toMatchObject({
      max_open_per_agent: 5,
      accept_mode: 'manual',
      offer_timeout_sec: 30,
      visitor_timeout_sec: 600,
      timeout_message: '由于您长时间未回复，本次服务已自动结束，感谢您的支持',
      chats_during_calls: 0,
    });
    db.prepare(`INSERT INTO chat_groups (id, company_id, name, created_at) VALUES (1, 1, '在线客服', 1)`).run();
    db.prepare(`INSERT INTO chat_group_members (group_id, person_id) VALUES (1, 1)`).run();

    const conversation = db.prepare(
      `INSERT INTO conversations (id, company_id, visitor_id, visitor_token_hash, group_id, state, queued_at, entered_at)
       VALUES (?, 1, 'v1', ?, 1, 'queued', 1, 1)`,
    );
    conversation.run('a'.repeat(22), hash);
    expect(() => conversation.run('short', hash)).toThrow(/CHECK/);
    // An ended conversation must say when; an offer must say until when.
    expect(() => db.prepare(`UPDATE conversations SET state = 'ended' WHERE id = ?`).run('a'.repeat(22))).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare(`UPDATE conversations SET state = 'offered' WHERE id = ?`).run('a'.repeat(22))).toThrow(
      /CHECK/,
    );

    const message = db.prepare(
      `INSERT INTO chat_messages (conversation_id, seq, sender, client_id, kind, body, created_at)
       VALUES (?, ?, 'visitor', ?, 'text', ?, 2)`,
    );
    message.run('a'.repeat(22), 1, 'c1', '你好');
    // The same client id from the same sender is the same message: a retry cannot store it twice.
    expect(() => message.run('a'.repeat(22), 2, 'c1', '你好')).toThrow(/UNIQUE/);
    expect(() => message.run('a'.repeat(22), 2, 'c2', 'x'.repeat(5001))).toThrow(/CHECK/);
    expect(db.prepare(`SELECT seq, body FROM chat_messages`).all()).toEqual([{ seq: 1, body: '你好' }]);
    db.close();
  });
});
