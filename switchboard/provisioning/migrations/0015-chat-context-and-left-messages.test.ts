import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

const id = 'c'.repeat(22);

describe('migration 0015: customer context per company, left messages', () => {
  it('keeps a company’s chat settings and its chats, with no context endpoint and no left message', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 14);
    db.exec(`
      INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1);
      INSERT INTO chat_settings (company_id, queue_limit, accept_mode) VALUES (1, 7, 'auto');
      INSERT INTO chat_groups (id, company_id, name, created_at) VALUES (1, 1, '在线客服', 1);
    `);
    db.prepare(
      `INSERT INTO conversations (id, company_id, visitor_id, visitor_token_hash, group_id, state, entered_at, ended_at, end_reason)
       VALUES (?, 1, 'v1', ?, 1, 'ended', 1, 2, 'no-agent')`,
    ).run(id, Buffer.alloc(32, 7));

    expect(migrate(db, provisioningMigrations, 15)).toEqual({ from: 14, to: 15 });
    expect(db.prepare('SELECT queue_limit, accept_mode, context_url FROM chat_settings').get()).toEqual({
      queue_limit: 7,
      accept_mode: 'auto',
      context_url: null,
    });
    expect(db.prepare('SELECT state, end_reason, left_message FROM conversations').get()).toEqual({
      state: 'ended',
      end_reason: 'no-agent',
      left_message: 0,
    });

    const setUrl = db.prepare('UPDATE chat_settings SET context_url = ? WHERE company_id = 1');
    for (const good of ['https://shop.example/ctx', 'http://10.0.0.5:8080/ctx', 'demo', null]) setUrl.run(good);
    for (const bad of ['ftp://shop.example/ctx', 'javascript:alert(1)', 'https://', `https://${'x'.repeat(500)}`]) {
      expect(() => setUrl.run(bad)).toThrow(/CHECK/);
    }
    db.exec(`UPDATE conversations SET left_message = 1`);
    expect(() => db.exec(`UPDATE conversations SET left_message = 2`)).toThrow(/CHECK/);
    db.close();
  });
});
