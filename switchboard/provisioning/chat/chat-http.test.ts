import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useChatServer } from '../test-support/chat-server.ts';
import { chatFixture } from '../test-support/chat-fixture.ts';
import { eventReader } from '../test-support/event-reader.ts';
import { chatRoutes } from './chat-http.ts';

describe('chat HTTP API', () => {
  const served = useChatServer();
  const { call } = served;

  const start = served.visit;

  it('starts a chat and answers its state to its own token only', async () => {
    const mine = await start();
    const other = await start();
    const view = await call('GET', `/v1/chat/visits/${mine.conversationId}`, mine.visitorToken);
    expect(view).toMatchObject({ status: 200, body: { state: 'queued', queuePosition: 1 } });
    const foreign = await call('GET', `/v1/chat/visits/${mine.conversationId}/messages`, other.visitorToken);
    expect(foreign).toMatchObject({ status: 404, type: 'application/problem+json; charset=utf-8' });
    expect((await call('GET', `/v1/chat/visits/${mine.conversationId}`)).body).toMatchObject({
      code: 'visitor-unknown',
      status: 401,
    });
  });

  it.each([
    ['a body that is not JSON', '{"companyId":'],
    ['an unknown field', { companyId: 1, admin: true }],
    ['a company id that is not a number', { companyId: '1' }],
    [
      'a site user with a line break in the nickname',
      { companyId: 1, user: { userId: 'u', nickname: 'a\nb', expiresAt: 1, signature: 'x' } },
    ],
  ])('refuses %s with 400 problem+json', async (_what, body) => {
    const answer = await call('POST', '/v1/chat/visits', undefined, body);
    expect(answer).toMatchObject({ status: 400, type: 'application/problem+json; charset=utf-8' });
    expect(answer.body).toMatchObject({ code: 'invalid-request' });
  });

  it('refuses a forged site user with 401 problem+json', async () => {
    const answer = await call('POST', '/v1/chat/visits', undefined, {
      companyId: served.f.companyId,
      user: { userId: 'u-1', nickname: 'boss', expiresAt: 4_102_444_800, signature: 'ab'.repeat(32) },
    });
    expect(answer).toMatchObject({ status: 401, body: { code: 'visitor-signature-invalid' } });
  });

  it('refuses an over-long message with a clear problem, and a bad client id', async () => {
    const v = await start();
    const path = `/v1/chat/visits/${v.conversationId}/messages`;
    const long = await call('POST', path, v.visitorToken, { clientId: 'c1', text: '长'.repeat(5001) });
    expect(long).toMatchObject({ status: 400, body: { code: 'message-too-long' } });
    expect(String(long.body['title'])).toContain('at most 5,000 characters');
    const badId = await call('POST', path, v.visitorToken, { clientId: 'has space', text: 'hi' });
    expect(badId).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
  });

  it('gives an agent their desk and the chat, and a stranger device none of it', async () => {
    const agent = await served.f.signIn('8001');
    const stranger = await served.f.signIn('8002');
    const v = await start();
    const desk = await call('GET', '/v1/chat/desk', agent);
    expect((desk.body['open'] as { id: string }[]).map((c) => c.id)).toEqual([v.conversationId]);
    const sent = await call('POST', `/v1/chat/desk/${v.conversationId}/messages`, agent, {
      clientId: 'a1',
      text: 'hi',
    });
    expect(sent).toMatchObject({ status: 200, body: { sender: 'agent', body: 'hi', seq: 2 } });
    expect((await call('GET', `/v1/chat/desk/${v.conversationId}/messages`, stranger)).status).toBe(404);
    expect((await call('POST', `/v1/chat/desk/${v.conversationId}/end`, stranger)).status).toBe(404);
    expect((await call('POST', `/v1/chat/desk/${v.conversationId}/hide`, agent)).body).toMatchObject({
      code: 'chat-not-ended',
    });
    expect((await call('GET', `/v1/chat/desk/${v.conversationId}/messages?after=-1`, agent)).status).toBe(400);
  });

  it('lets the app catch up without clearing the unread count, and lists the company’s chat groups', async () => {
    const agent = await served.f.signIn('8001');
    const v = await start();
    await call('POST', `/v1/chat/visits/${v.conversationId}/messages`, v.visitorToken, { clientId: 'v1', text: 'hi' });
    const unread = async () =>
      ((await call('GET', '/v1/chat/desk', agent)).body['open'] as { unread: number }[])[0]!.unread;
    expect(await unread()).toBe(1);
    const peek = await call('GET', `/v1/chat/desk/${v.conversationId}/messages?after=0&read=0`, agent);
    expect((peek.body['messages'] as unknown[]).length).toBe(2);
    expect(await unread()).toBe(1);
    await call('GET', `/v1/chat/desk/${v.conversationId}/messages?after=0`, agent);
    expect(await unread()).toBe(0);
    const groups = await call('GET', '/v1/chat/groups', agent);
    expect((groups.body['groups'] as { name: string }[]).map((g) => g.name)).toContain('在线客服 Online service');
  });

  it('a visitor stream resumed with Last-Event-ID sends only what came after it, then live messages', async () => {
    const agent = await served.f.signIn('8001');
    const v = await start();
    for (const text of ['one', 'two', 'three']) {
      await call('POST', `/v1/chat/desk/${v.conversationId}/messages`, agent, { clientId: text, text });
    }
    const res = await fetch(`${served.url}/v1/chat/visits/${v.conversationId}/events`, {
      headers: { authorization: `Bearer ${v.visitorToken}`, 'last-event-id': '2' },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = eventReader(res);
    expect(await events.nextEvent()).toMatchObject({ event: 'state', data: { state: 'open', lastSeq: 4 } });
    expect(await events.nextEvent()).toMatchObject({ event: 'message', id: '3', data: { message: { body: 'two' } } });
    expect(await events.nextEvent()).toMatchObject({ id: '4', data: { message: { body: 'three' } } });
    await call('POST', `/v1/chat/desk/${v.conversationId}/messages`, agent, { clientId: 'four', text: 'four' });
    expect(await events.nextEvent()).toMatchObject({ id: '5', data: { message: { body: 'four' } } });
    await events.cancel();
  });
});

describe('chat API documentation', () => {
  it('documents every chat route and problem code in openapi.yaml', async () => {
    const f = chatFixture();
    const doc = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8');
    for (const route of Object.keys(chatRoutes({ chat: f.chat }))) {
      const [method, path] = route.split(' ');
      const start = doc.indexOf(`\n  ${path}:\n`);
      expect(start, route).toBeGreaterThan(0);
      const section = doc.slice(start + 1, doc.indexOf('\n  /', start + 1));
      expect(section, route).toContain(`\n    ${method!.toLowerCase()}:`);
    }
    for (const code of ['visitor-unknown', 'message-too-long', 'chat-queue-full', 'member-offline']) {
      expect(doc).toContain(`- ${code}`);
    }
    f.close();
  });
});
