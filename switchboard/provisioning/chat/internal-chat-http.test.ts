import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useChatServer } from '../test-support/chat-server.ts';
import { eventReader } from '../test-support/event-reader.ts';
import { pngImage } from '../test-support/test-images.ts';
import { internalChatRoutes } from './internal-chat-http.ts';

describe('internal chat HTTP API', () => {
  const served = useChatServer();
  const { call } = served;
  const personOf = (ext: string) =>
    served.f.db.prepare(`SELECT id FROM people WHERE extension = ?`).pluck().get(ext) as number;

  async function pair() {
    const anna = await served.f.signIn('8001');
    const bo = await served.f.signIn('8002');
    const opened = await call('POST', '/v1/chat/internal', anna, { personId: personOf('8002') });
    expect(opened.status).toBe(200);
    return { anna, bo, id: opened.body['conversationId'] as string };
  }

  it('streams the chat list on connect and each new message to the colleague’s desk stream', async () => {
    const { anna, bo, id } = await pair();
    const res = await fetch(`${served.url}/v1/chat/desk/events`, { headers: { authorization: `Bearer ${bo}` } });
    const events = eventReader(res);
    expect(await events.nextEvent()).toMatchObject({ event: 'desk' });
    expect(await events.nextEvent()).toMatchObject({ event: 'internal', data: { chats: [], unread: 0 } });
    const sent = await call('POST', `/v1/chat/internal/${id}/messages`, anna, { clientId: 'a-1', text: '在吗？🙂' });
    expect(sent).toMatchObject({ status: 200, body: { seq: 1, mine: true } });
    expect(await events.nextEvent()).toMatchObject({
      event: 'internal-message',
      data: { conversationId: id, message: { seq: 1, body: '在吗？🙂', mine: false } },
    });
    expect(await events.nextEvent()).toMatchObject({ event: 'internal', data: { unread: 1, chats: [{ id }] } });
    await events.cancel();
  });

  it('moves an image both ways with its bytes intact, and keeps it from anyone outside the chat', async () => {
    const { anna, bo, id } = await pair();
    const bytes = pngImage(8, 8, [10, 200, 30]);
    const up = await fetch(`${served.url}/v1/chat/internal/${id}/images?clientId=a-img`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}`, 'content-type': 'image/png' },
      body: new Uint8Array(bytes),
    });
    const sent = (await up.json()) as { image: { id: string } };
    expect(up.status).toBe(200);
    const down = await fetch(`${served.url}/v1/chat/internal/${id}/images/${sent.image.id}`, {
      headers: { authorization: `Bearer ${bo}` },
    });
    expect(down.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
    const third = await served.f.signIn('8003');
    expect((await call('GET', `/v1/chat/internal/${id}/images/${sent.image.id}`, third)).status).toBe(404);
    expect((await call('GET', `/v1/chat/internal/${id}/messages`, third)).status).toBe(404);
  });

  it('answers the history with read marks moved by the colleague, search, and hiding', async () => {
    const { anna, bo, id } = await pair();
    await call('POST', `/v1/chat/internal/${id}/messages`, anna, { clientId: 'a-1', text: 'quarterly numbers' });
    const history = await call('GET', `/v1/chat/internal/${id}/messages?after=0`, bo);
    expect(history.body['messages']).toMatchObject([{ body: 'quarterly numbers', mine: false }]);
    const read = await call('POST', `/v1/chat/internal/${id}/marks`, bo, { read: 1 });
    expect(read.body).toMatchObject({ unread: 0, chats: [{ readSeq: 1 }] });
    expect((await call('GET', '/v1/chat/internal', anna)).body).toMatchObject({
      chats: [{ peerDeliveredSeq: 1, peerReadSeq: 1 }],
    });
    const found = await call('GET', `/v1/chat/internal/search?q=${encodeURIComponent('numbers')}`, bo);
    expect(found.body).toMatchObject({ results: [{ conversationId: id, body: 'quarterly numbers' }] });
    expect((await call('POST', `/v1/chat/internal/${id}/hide`, bo)).body).toMatchObject({ chats: [] });
  });

  it.each([
    ['marks without a mark', '/marks', {}],
    ['a negative mark', '/marks', { read: -1 }],
    ['a person id that is not a number', '', { personId: '2' }],
  ])('refuses %s with 400 problem+json', async (_what, suffix, body) => {
    const { anna, id } = await pair();
    const path = suffix === '' ? '/v1/chat/internal' : `/v1/chat/internal/${id}${suffix}`;
    const answer = await call('POST', path, anna, body);
    expect(answer).toMatchObject({ status: 400, type: 'application/problem+json; charset=utf-8' });
  });

  it('refuses a colleague of another company with 403 and the reason', async () => {
    const anna = await served.f.signIn('8001');
    const db = served.f.db;
    const other = db.prepare(`INSERT INTO companies (name, created_at) VALUES ('Other', 1) RETURNING id`).pluck().get();
    const eve = db
      .prepare(
        `INSERT INTO people (company_id, name, mobile, extension, created_at) VALUES (?, 'Eve', '+8613900000009', '9901', 1) RETURNING id`,
      )
      .pluck()
      .get(other) as number;
    const answer = await call('POST', '/v1/chat/internal', anna, { personId: eve });
    expect(answer).toMatchObject({ status: 403, body: { code: 'not-same-company' } });
    expect(String(answer.body['title'] ?? answer.body['detail'])).toContain('own company');
  });

  it('documents every internal chat route and its problem code in openapi.yaml', async () => {
    const doc = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8');
    const routes = internalChatRoutes(
      served.f.chat.internal,
      { parseClientId: (v) => v, readMessage: async () => ({ clientId: '', text: '' }) },
      1,
    );
    for (const route of Object.keys(routes)) {
      const [method, path] = route.split(' ');
      const start = doc.indexOf(`\n  ${path}:\n`);
      expect(start, route).toBeGreaterThan(0);
      const section = doc.slice(start + 1, doc.indexOf('\n  /', start + 1));
      expect(section, route).toContain(`\n    ${method!.toLowerCase()}:`);
    }
    expect(doc).toContain('- not-same-company');
  });
});
