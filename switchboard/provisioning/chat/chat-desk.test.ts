import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningError } from '../problems.ts';
import { chatFixture, type ChatFixture } from '../test-support/chat-fixture.ts';
import type { ChatSettings } from './chat-settings.ts';
import type { ChatEvent } from './chat-views.ts';

let f: ChatFixture;
afterEach(() => f.close());

async function setUp(settings: Partial<ChatSettings> = {}) {
  f = chatFixture({ settings });
  return f;
}

const visit = () => f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.7');
const problem = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ProvisioningError) return { code: error.code, status: error.status, title: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};
describe('chat desk: queue and offers', () => {
  it('a visitor with nobody Available waits with their queue position; the next one is behind them', async () => {
    await setUp();
    const first = visit();
    const second = visit();
    expect(first.view).toMatchObject({ state: 'queued', queuePosition: 1, agentName: null });
    expect(second.view.queuePosition).toBe(2);
    expect(f.chat.visitors.view(second.conversationId, second.visitorToken).queuePosition).toBe(2);
  });

  it('signing in (Available) moves the queue: the waiting chat is offered to the agent with a countdown', async () => {
    await setUp();
    const v = visit();
    const token = await f.signIn('8001');
    const desk = f.chat.agents.deskOf(token);
    expect(desk.offers.map((o) => o.id)).toEqual([v.conversationId]);
    expect(desk.offers[0]!.offerExpiresAt).toBe(f.clock.now() + 30_000);
    expect(f.chat.visitors.view(v.conversationId, v.visitorToken)).toMatchObject({ state: 'offered' });
  });

  it('an offer not accepted in time goes to the next agent, and the one who let it lapse is busy "not responding"', async () => {
    await setUp();
    const a = await f.signIn('8001');
    const b = await f.signIn('8002');
    const v = visit();
    expect(f.chat.agents.deskOf(a).offers).toHaveLength(1);
    f.clock.advanceSec(30);
    f.chat.desk.sweep();
    expect(f.chat.agents.deskOf(a).offers).toEqual([]);
    expect(f.chat.agents.deskOf(b).offers.map((o) => o.id)).toEqual([v.conversationId]);
    expect(f.presence.snapshot(a).me).toMatchObject({ status: 'busy', reason: 'not-responding' });
    expect(problem(() => f.chat.agents.accept(a, v.conversationId))).toMatchObject({ status: 404 });

    f.chat.agents.accept(b, v.conversationId);
    const view = f.chat.visitors.view(v.conversationId, v.visitorToken);
    expect(view).toMatchObject({ state: 'open', agentName: '李娜 Li Na', queuePosition: null });
  });

  it('an offer nobody else can take waits in the queue; the lapsed agent gets it again once back to Available', async () => {
    await setUp();
    const a = await f.signIn('8001');
    const v = visit();
    f.clock.advanceSec(30);
    f.chat.desk.sweep();
    expect(f.chat.visitors.view(v.conversationId, v.visitorToken)).toMatchObject({ state: 'queued', queuePosition: 1 });
    f.clock.advanceSec(5);
    f.presence.setStatus(a, { status: 'available' });
    expect(f.chat.agents.deskOf(a).offers.map((o) => o.id)).toEqual([v.conversationId]);
  });

  it('with auto-accept the chat opens on the agent at once', async () => {
    await setUp({ acceptMode: 'auto' });
    const a = await f.signIn('8001');
    const v = visit();
    expect(f.chat.agents.deskOf(a).open.map((o) => o.id)).toEqual([v.conversationId]);
    expect(f.chat.visitors.messages(v.conversationId, v.visitorToken, 0, 10)).toMatchObject([
      { sender: 'system', kind: 'system', event: 'agent-joined', body: '王小明 Wang Xiaoming' },
    ]);
  });

  it('goes to the least-loaded agent, and an agent at the maximum gets none until a chat of theirs ends', async () => {
    await setUp({ acceptMode: 'auto', maxOpenPerAgent: 1 });
    const a = await f.signIn('8001');
    const b = await f.signIn('8002');
    const first = visit();
    const second = visit();
    const third = visit();
    expect(f.chat.agents.deskOf(a).open.map((o) => o.id)).toEqual([first.conversationId]);
    expect(f.chat.agents.deskOf(b).open.map((o) => o.id)).toEqual([second.conversationId]);
    expect(f.chat.visitors.view(third.conversationId, third.visitorToken).queuePosition).toBe(1);
    f.chat.agents.end(a, first.conversationId);
    expect(f.chat.agents.deskOf(a).open.map((o) => o.id)).toEqual([third.conversationId]);
  });

  it('gives an agent on a call no chat unless the company allows chats during calls', async () => {
    await setUp({ acceptMode: 'auto' });
    const a = await f.signIn('8001');
    f.presence.setStatus(a, { status: 'on-call' });
    const v = visit();
    expect(f.chat.agents.deskOf(a).open).toEqual([]);
    f.db.prepare(`UPDATE chat_settings SET chats_during_calls = 1`).run();
    f.chat.desk.dispatch(f.groupId);
    expect(f.chat.agents.deskOf(a).open.map((o) => o.id)).toEqual([v.conversationId]);
  });

  it('a visitor who leaves the queue ends the chat, and the one behind moves up to first', async () => {
    await setUp();
    const first = visit();
    const second = visit();
    expect(f.chat.visitors.end(first.conversationId, first.visitorToken)).toMatchObject({
      state: 'ended',
      endReason: 'visitor',
    });
    expect(f.chat.visitors.view(second.conversationId, second.visitorToken).queuePosition).toBe(1);
  });

  it('a visitor who leaves while their chat is offered takes the offer off the agent', async () => {
    await setUp();
    const a = await f.signIn('8001');
    const v = visit();
    expect(f.chat.agents.deskOf(a).offers).toHaveLength(1);
    f.chat.visitors.end(v.conversationId, v.visitorToken);
    expect(f.chat.agents.deskOf(a).offers).toEqual([]);
    expect(problem(() => f.chat.agents.accept(a, v.conversationId))).toMatchObject({ code: 'chat-offer-gone' });
  });

  it('tells a new visitor to come back later when the queue is at the company limit', async () => {
    await setUp({ queueLimit: 1 });
    visit();
    expect(problem(visit)).toMatchObject({ code: 'chat-queue-full', status: 503, title: /come back later/ });
  });
});

describe('chat desk: messages', () => {
  async function openChat(settings: Partial<ChatSettings> = {}) {
    await setUp({ acceptMode: 'auto', ...settings });
    const agent = await f.signIn('8001');
    const v = visit();
    return { agent, v, id: v.conversationId, token: v.visitorToken };
  }

  it('carries text both ways in order, each with its seq, and a retried client id stores one message', async () => {
    const { agent, id, token } = await openChat();
    const hello = f.chat.visitors.send(id, token, 'v-1', '你好');
    const again = f.chat.visitors.send(id, token, 'v-1', '你好');
    expect(again).toEqual(hello);
    const reply = f.chat.agents.send(agent, id, 'a-1', '请问有什么可以帮您');
    expect([hello.seq, reply.seq]).toEqual([2, 3]);
    expect(f.chat.visitors.messages(id, token, 1, 10).map((m) => [m.sender, m.body])).toEqual([
      ['visitor', '你好'],
      ['agent', '请问有什么可以帮您'],
    ]);
    expect(reply.authorName).toBe('王小明 Wang Xiaoming');
  });

  it('counts the visitor messages the agent has not read, and reading them clears the count', async () => {
    const { agent, id, token } = await openChat();
    f.chat.visitors.send(id, token, 'v-1', 'one');
    f.chat.visitors.send(id, token, 'v-2', 'two');
    expect(f.chat.agents.deskOf(agent).open[0]!.unread).toBe(2);
    f.chat.agents.messages(agent, id, 0, 500);
    expect(f.chat.agents.deskOf(agent).open[0]!.unread).toBe(0);
  });

  it('refuses a message over 5,000 characters with a clear message, and takes 5,000 emoji', async () => {
    const { id, token } = await openChat();
    expect(problem(() => f.chat.visitors.send(id, token, 'long', 'x'.repeat(5001)))).toMatchObject({
      code: 'message-too-long',
      status: 400,
      title: 'A message is at most 5,000 characters; this one has 5,001',
    });
    expect(f.chat.visitors.send(id, token, 'emoji', '😀'.repeat(5000)).body).toHaveLength(10_000);
  });

  it('slows a flooding visitor: past the burst a send is refused with when to try again', async () => {
    const { id, token } = await openChat();
    for (let i = 0; i < 10; i += 1) f.chat.visitors.send(id, token, `m${i}`, 'hi');
    expect(problem(() => f.chat.visitors.send(id, token, 'm10', 'hi'))).toMatchObject({
      code: 'rate-limited',
      status: 429,
      title: /too fast\. Wait 2 s/,
    });
  });

  it("ends by itself with the company's timeout message when the visitor stays silent after the agent's last message", async () => {
    const { agent, id, token } = await openChat({ visitorTimeoutSec: 120, timeoutMessage: 'Closed for silence' });
    f.chat.agents.send(agent, id, 'a-1', 'Anything else?');
    f.clock.advanceSec(100);
    f.chat.visitors.send(id, token, 'v-1', 'wait');
    f.chat.agents.send(agent, id, 'a-2', 'Sure');
    f.clock.advanceSec(119);
    f.chat.desk.sweep();
    expect(f.chat.visitors.view(id, token).state).toBe('open');
    f.clock.advanceSec(1);
    f.chat.desk.sweep();
    expect(f.chat.visitors.view(id, token)).toMatchObject({ state: 'ended', endReason: 'timeout' });
    expect(f.chat.visitors.messages(id, token, 0, 50).at(-1)).toMatchObject({
      sender: 'system',
      event: 'timeout',
      body: 'Closed for silence',
    });
    expect(problem(() => f.chat.visitors.send(id, token, 'v-2', 'hello?'))).toMatchObject({ code: 'chat-ended' });
  });

  it('an agent ends the chat: a line in the transcript, the chat leaves their open list and shows in recent', async () => {
    const { agent, id, token } = await openChat();
    f.chat.agents.end(agent, id);
    expect(f.chat.visitors.messages(id, token, 0, 50).at(-1)).toMatchObject({ event: 'ended-by-agent' });
    const desk = f.chat.agents.deskOf(agent);
    expect(desk.open).toEqual([]);
    expect(desk.recent.map((c) => [c.id, c.endReason])).toEqual([[id, 'agent']]);
    f.chat.agents.hide(agent, id);
    expect(f.chat.agents.deskOf(agent).recent).toEqual([]);
  });

  it('tells the visitor stream each new message and state as it happens', async () => {
    const { agent, id, token } = await openChat();
    const seen: ChatEvent[] = [];
    f.chat.visitors.subscribe(
      id,
      token,
      (e) => seen.push(e),
      () => {},
    );
    f.chat.agents.send(agent, id, 'a-1', 'hi');
    f.chat.agents.end(agent, id);
    expect(seen.map((e) => (e.event === 'message' ? e.data.message.body || e.data.message.event : e.event))).toEqual([
      'hi',
      'ended-by-agent',
      'state',
    ]);
  });
});

describe('chat desk: who may do what', () => {
  it("opens a conversation only with its own visitor token: another visitor's token gets 404", async () => {
    await setUp();
    const mine = visit();
    const other = visit();
    expect(problem(() => f.chat.visitors.view(mine.conversationId, other.visitorToken))).toMatchObject({
      code: 'not-found',
      status: 404,
    });
  });

  it("refuses a site user whose signature is wrong or expired; takes a good one with the site's nickname", async () => {
    await setUp();
    const { signVisitor } = await import('./visitor-identity.ts');
    const user = { userId: 'u-42', nickname: 'qwe', expiresAt: Math.floor(f.clock.now() / 1000) + 600 };
    const signature = signVisitor(f.signingSecret, f.companyId, user);
    const start = (u: typeof user & { signature: string }) =>
      f.chat.visitors.start({ companyId: f.companyId, user: u }, '203.0.113.7');
    expect(problem(() => start({ ...user, nickname: 'admin', signature }))).toMatchObject({
      code: 'visitor-signature-invalid',
      status: 401,
    });
    const expired = { ...user, expiresAt: Math.floor(f.clock.now() / 1000) };
    expect(
      problem(() => start({ ...expired, signature: signVisitor(f.signingSecret, f.companyId, expired) })),
    ).toMatchObject({
      title: 'The visitor signature has expired',
    });
    const ok = start({ ...user, signature });
    const a = await f.signIn('8001');
    expect(f.chat.agents.deskOf(a).offers[0]).toMatchObject({ siteUserId: 'u-42', visitorNickname: 'qwe' });
    expect(ok.visitorId).toBe('u-42');
  });

  it('transfers to an online colleague with a note, refuses an offline one, and to a group never back to the giver', async () => {
    await setUp({ acceptMode: 'auto' });
    const a = await f.signIn('8001');
    const v = visit();
    expect(problem(() => f.chat.agents.transfer(a, v.conversationId, { extension: '8002' }, null))).toMatchObject({
      code: 'member-offline',
    });
    const b = await f.signIn('8002');
    f.chat.agents.transfer(a, v.conversationId, { extension: '8002' }, 'VIP, asked about an order');
    expect(f.chat.agents.deskOf(a).open).toEqual([]);
    expect(f.chat.agents.deskOf(b).open[0]).toMatchObject({
      id: v.conversationId,
      transferNote: 'VIP, asked about an order',
    });
    expect(problem(() => f.chat.agents.messages(a, v.conversationId, 0, 10))).toMatchObject({ status: 404 });

    f.presence.setStatus(a, { status: 'busy' });
    f.chat.agents.transfer(b, v.conversationId, { groupId: f.groupId }, null);
    expect(f.chat.visitors.view(v.conversationId, v.visitorToken)).toMatchObject({ state: 'queued', queuePosition: 1 });
    f.presence.setStatus(a, { status: 'available' });
    expect(f.chat.agents.deskOf(a).open.map((c) => c.id)).toEqual([v.conversationId]);
  });
});
