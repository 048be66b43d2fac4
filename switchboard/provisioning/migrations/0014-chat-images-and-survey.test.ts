import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { provisioningMigrations } from './index.ts';

const id = 'c'.repeat(22);

describe('migration 0014: chat images and the satisfaction survey', () => {
  it('keeps every message of an existing chat and then takes images, survey lines and one survey answer', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, provisioningMigrations, 13);
    db.exec(`
      INSERT INTO companies (id, name, created_at) VALUES (1, 'Demo', 1);
      INSERT INTO people (id, company_id, name, mobile, extension, created_at) VALUES (1, 1, 'Anna', '+8613800138000', '8001', 1);
      INSERT INTO chat_groups (id, company_id, name, created_at) VALUES (1, 1, '在线客服', 1);
    `);
    db.prepare(
      `INSERT INTO conversations (id, company_id, visitor_id, visitor_token_hash, group_id, state, agent_id, entered_at, last_seq)
       VALUES (?, 1, 'v1', ?, 1, 'open', 1, 1, 2)`,
    ).run(id, Buffer.alloc(32, 7));
    db.prepare(
      `INSERT INTO chat_messages (conversation_id, seq, sender, author_id, client_id, kind, event, body, created_at)
       VALUES (?, 1, 'system', NULL, NULL, 'system', 'agent-joined', '', 5), (?, 2, 'visitor', NULL, 'v-1', 'text', NULL, '你好', 6)`,
    ).run(id, id);
    const before = db.prepare('SELECT * FROM chat_messages ORDER BY seq').all();

    expect(migrate(db, provisioningMigrations, 14)).toEqual({ from: 13, to: 14 });
    expect(db.prepare('SELECT * FROM chat_messages ORDER BY seq').all()).toEqual(
      before.map((row) => ({ ...(row as object), image_id: null })),
    );

    const image = db.prepare(
      `INSERT INTO chat_images (id, conversation_id, sender, mime, size, bytes, created_at)
       VALUES (?, ?, 'visitor', ?, ?, ?, 7)`,
    );
    image.run('i'.repeat(22), id, 'image/png', 2, Buffer.from([0x89, 0x50]));
    expect(() => image.run('s'.repeat(22), id, 'image/svg+xml', 6, Buffer.from('<svg/>'))).toThrow(/CHECK/);
    expect(() => image.run('e'.repeat(22), id, 'image/png', 0, Buffer.alloc(0))).toThrow(/CHECK/);
    const message = db.prepare(
      `INSERT INTO chat_messages (conversation_id, seq, sender, client_id, kind, event, body, image_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, '', ?, 8)`,
    );
    message.run(id, 3, 'visitor', 'v-2', 'image', null, 'i'.repeat(22));
    message.run(id, 4, 'system', null, 'system', 'survey-sent', null);
    expect(() => message.run(id, 5, 'visitor', 'v-3', 'text', null, 'i'.repeat(22))).toThrow(/CHECK/);
    // The client id still makes a retried send land once.
    expect(() => message.run(id, 6, 'visitor', 'v-2', 'image', null, 'i'.repeat(22))).toThrow(/UNIQUE/);

    const survey = db.prepare(`INSERT INTO chat_surveys (conversation_id, sent_by, sent_at) VALUES (?, 1, 9)`);
    survey.run(id);
    expect(() => survey.run(id)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`UPDATE chat_surveys SET score = 6, answered_at = 10`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE chat_surveys SET score = 5, comment = '很好', answered_at = 10`).run();

    // Deleting the conversation takes its images, messages and survey with it.
    db.prepare('DELETE FROM conversations').run();
    for (const table of ['chat_images', 'chat_messages', 'chat_surveys']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });
});
