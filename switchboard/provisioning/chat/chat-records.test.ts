import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningError } from '../problems.ts';
import { chatFixture, type ChatFixture } from '../test-support/chat-fixture.ts';
import { signVisitor } from './visitor-identity.ts';

let f: ChatFixture;
afterEach(() => f.close());

const problem = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ProvisioningError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error('expected a refusal');
};

function signed(userId: string, nickname: string) {
  const user = { userId, nickname, expiresAt: Math.floor(f.clock.now() / 1000) + 3600 };
  return f.chat.visitors.start(
    {
      companyId: f.companyId,
      channel: 'app',
      user: { ...user, signature: signVisitor(f.signingSecret, f.companyId, user) },
    },
    '203.0.113.7',
  );
}

/** 8001 answers qwe (app user u-42) and an anonymous visitor; both chats end, a minute apart. */
async function twoEnded() {
  f = chatFixture({ settings: { acceptMode: 'auto' } });
  const agent = await f.signIn('8001');
  const qwe = signed('u-42', 'qwe');
  f.clock.advanceSec(60);
  f.chat.agents.end(agent, qwe.conversationId);
  const anon = f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.8');
  f.clock.advanceSec(60);
  f.chat.agents.end(agent, anon.conversationId);
  return { agent, qwe, anon };
}

describe('service records (服务记录)', () => {
  it('lists my ended chats newest first, hidden ones too, and finds them by user id, nickname and date', async () => {
    const { agent, qwe, anon } = await twoEnded();
    f.chat.agents.hide(agent, qwe.conversationId);
    const ids = (q: Parameters<typeof f.chat.records.search>[1]) => f.chat.records.search(agent, q).map((r) => r.id);
    expect(ids({ limit: 10 })).toEqual([anon.conversationId, qwe.conversationId]);
    expect(ids({ limit: 10, q: 'U-4' })).toEqual([qwe.conversationId]);
    expect(ids({ limit: 10, q: 'qw' })).toEqual([qwe.conversationId]);
    expect(ids({ limit: 10, q: '%' })).toEqual([]);
    const firstEnd = f.chat.records.search(agent, { limit: 10, q: 'qwe' })[0]!.endedAt!;
    expect(ids({ limit: 10, from: firstEnd + 1 })).toEqual([anon.conversationId]);
    expect(ids({ limit: 10, to: firstEnd + 1 })).toEqual([qwe.conversationId]);
    const page = f.chat.records.search(agent, { limit: 1 });
    expect(ids({ limit: 10, before: { endedAt: page[0]!.endedAt!, id: page[0]!.id } })).toEqual([qwe.conversationId]);
    // The app pages by the last record it shows, without knowing the service's clock.
    expect(ids({ limit: 10, beforeId: page[0]!.id })).toEqual([qwe.conversationId]);
    expect(ids({ limit: 10, beforeId: qwe.conversationId })).toEqual([]);
    expect(ids({ limit: 10, beforeId: 'x'.repeat(22) })).toEqual([]);
    // Someone else's records are not mine.
    const other = await f.signIn('8002');
    expect(f.chat.records.search(other, { limit: 10 })).toEqual([]);
  });

  it('a full queue takes a left message instead; it is in the group members’ records, found and read, as text', async () => {
    f = chatFixture({ settings: { acceptMode: 'manual', queueLimit: 1 } });
    // Nobody is signed in: the first visitor waits, the second finds the queue full.
    f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.1');
    expect(problem(() => f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.2'))).toEqual({
      code: 'chat-queue-full',
      status: 503,
    });
    const user = { userId: 'u-77', nickname: '陈先生', expiresAt: Math.floor(f.clock.now() / 1000) + 3600 };
    const left = f.chat.visitors.leaveMessage(
      {
        companyId: f.companyId,
        user: { ...user, signature: signVisitor(f.signingSecret, f.companyId, user) },
        text: '<b>订单</b> 还没到，请回电',
        contact: '138 0013 8000',
      },
      '203.0.113.2',
    );
    const agent = await f.signIn('8001');
    const [record] = f.chat.records.search(agent, { limit: 10, q: '陈' });
    expect(record).toMatchObject({ id: left.conversationId, state: 'ended', endReason: 'no-agent', leftMessage: true });
    expect(f.chat.agents.messages(agent, left.conversationId, 0, 50).map((m) => [m.sender, m.body])).toEqual([
      ['visitor', '<b>订单</b> 还没到，请回电\n\n138 0013 8000'],
    ]);
    // Every member of the group has it; an empty or too long message is refused, and so is nothing else lost.
    expect(f.chat.records.search(await f.signIn('8002'), { limit: 10 }).map((r) => r.id)).toEqual([
      left.conversationId,
    ]);
    for (const text of ['  ', 'x'.repeat(5001)]) {
      expect(
        problem(() => f.chat.visitors.leaveMessage({ companyId: f.companyId, text }, '203.0.113.3')),
      ).toMatchObject({ status: expect.any(Number) });
    }
    // A member may answer it: 重新会话 with the signed customer.
    expect(f.chat.records.reopen(agent, left.conversationId).conversationId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('重新会话 opens a new chat with the same app user at once, and their next visit joins it with the agent named', async () => {
    const { agent, qwe } = await twoEnded();
    const { conversationId } = f.chat.records.reopen(agent, qwe.conversationId);
    expect(conversationId).not.toBe(qwe.conversationId);
    const open = f.chat.agents.deskOf(agent).open;
    expect(open).toEqual([
      expect.objectContaining({ id: conversationId, siteUserId: 'u-42', visitorNickname: 'qwe', channel: 'app' }),
    ]);
    f.chat.agents.send(agent, conversationId, 'a1', '您好，我们找到了您的订单');

    const back = signed('u-42', 'qwe');
    expect(back.conversationId).toBe(conversationId);
    expect(back.view).toMatchObject({ state: 'open', agentName: '王小明 Wang Xiaoming' });
    expect(f.chat.visitors.messages(conversationId, back.visitorToken, 0, 10).map((m) => m.body)).toContain(
      '您好，我们找到了您的订单',
    );
    // Only one chat at a time with a customer.
    expect(problem(() => f.chat.records.reopen(agent, qwe.conversationId))).toMatchObject({
      code: 'chat-visitor-busy',
      status: 409,
    });
  });

  it('contacts a user by user id; an unknown id, an anonymous visitor or a chat still open are refused', async () => {
    const { agent, anon } = await twoEnded();
    expect(problem(() => f.chat.records.contact(agent, 'u-404'))).toMatchObject({ status: 404 });
    expect(problem(() => f.chat.records.reopen(agent, anon.conversationId))).toMatchObject({
      code: 'chat-visitor-anonymous',
    });
    const { conversationId } = f.chat.records.contact(agent, 'u-42');
    expect(problem(() => f.chat.records.reopen(agent, conversationId))).toMatchObject({ code: 'chat-not-ended' });
    const other = await f.signIn('8002');
    expect(problem(() => f.chat.records.reopen(other, conversationId))).toMatchObject({ status: 404 });
  });

  it('a re-opened chat is a row of its own in the session report, with no wait', async () => {
    const { agent, qwe } = await twoEnded();
    const { conversationId } = f.chat.records.reopen(agent, qwe.conversationId);
    f.clock.advanceSec(30);
    f.chat.agents.end(agent, conversationId);
    const { chatReportPage } = await import('./chat-report.ts');
    const rows = chatReportPage(f.db, { companyId: f.companyId, from: 0, to: f.clock.now() + 1 }, null, 10);
    expect(rows.at(-1)).toMatchObject({ conversationId, customerId: 'u-42', waitSec: 0, lengthSec: 30 });
  });
});
