import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProvisioningDb } from '../db.ts';
import { seedDemoData } from '../demo-data.ts';
import type { DeviceTokens } from '../presence-service.ts';
import { ProvisioningError } from '../problems.ts';
import { chatFixture, type ChatFixture } from '../test-support/chat-fixture.ts';
import { ManualClock } from '../test-support/manual-clock.ts';
import { pngImage } from '../test-support/test-images.ts';
import { agentKey } from './chat-desk.ts';
import { ChatService } from './chat-service.ts';
import type { ChatEvent } from './chat-views.ts';

let f: ChatFixture;
afterEach(() => f?.close());

const problem = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ProvisioningError) return { code: error.code, status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

const personOf = (ext: string) =>
  f.db.prepare(`SELECT id FROM people WHERE extension = ? AND company_id = ?`).pluck().get(ext, f.companyId) as number;

async function colleagues() {
  f = chatFixture();
  const anna = await f.signIn('8001');
  const bo = await f.signIn('8002');
  const events = new Map<number, ChatEvent[]>();
  for (const ext of ['8001', '8002', '8003']) {
    const id = personOf(ext);
    events.set(id, []);
    f.chat.desk.streams.add(
      agentKey(id),
      null,
      (e) => events.get(id)!.push(e),
      () => {},
    );
  }
  const { conversationId } = f.chat.internal.open(anna, personOf('8002'));
  return { anna, bo, id: conversationId, events, annaId: personOf('8001'), boId: personOf('8002') };
}

describe('internal chat between colleagues', () => {
  it('keeps one chat per pair of colleagues, opened from either side, and shows it to the starter at once', async () => {
    const { anna, bo, id } = await colleagues();
    expect(f.chat.internal.open(bo, personOf('8001')).conversationId).toBe(id);
    expect(f.chat.internal.list(anna).chats.map((c) => [c.id, c.peer.extension, c.lastMessage])).toEqual([
      [id, '8002', null],
    ]);
    // The colleague opened it too (from their side), so it is in both lists; nobody else's.
    expect(f.chat.internal.list(bo).chats.map((c) => c.peer.extension)).toEqual(['8001']);
    const third = await f.signIn('8003');
    expect(f.chat.internal.list(third).chats).toEqual([]);
  });

  it('refuses a chat with someone of another company with the reason, and with oneself or nobody', async () => {
    const { anna, annaId } = await colleagues();
    const other = f.db
      .prepare(`INSERT INTO companies (name, created_at) VALUES ('Other Ltd', 1) RETURNING id`)
      .pluck()
      .get() as number;
    const stranger = f.db
      .prepare(
        `INSERT INTO people (company_id, name, mobile, extension, created_at) VALUES (?, 'Eve', '+8613900000009', '9901', 1) RETURNING id`,
      )
      .pluck()
      .get(other) as number;
    expect(problem(() => f.chat.internal.open(anna, stranger))).toEqual({
      code: 'not-same-company',
      status: 403,
      message: 'Chat is only with colleagues of your own company',
    });
    expect(problem(() => f.chat.internal.open(anna, annaId))).toMatchObject({ code: 'invalid-request' });
    expect(problem(() => f.chat.internal.open(anna, 999_999))).toMatchObject({ status: 404 });
  });

  it('delivers text and emoji to both members’ streams, counts it unread for the colleague, and lands a retry once', async () => {
    const { anna, bo, id, events, annaId, boId } = await colleagues();
    const sent = f.chat.internal.send(anna, id, 'a-1', '你好 👋🏽');
    expect(sent).toMatchObject({ seq: 1, sender: 'agent', body: '你好 👋🏽', mine: true, kind: 'text' });
    expect(f.chat.internal.send(anna, id, 'a-1', '你好 👋🏽')).toEqual(sent);
    const messagesTo = (person: number) =>
      events
        .get(person)!
        .filter((e) => e.event === 'internal-message')
        .map((e) => e.data);
    expect(messagesTo(boId)).toEqual([{ conversationId: id, message: { ...sent, mine: false } }]);
    expect(messagesTo(annaId)).toEqual([{ conversationId: id, message: sent }]);
    expect(messagesTo(personOf('8003'))).toEqual([]);
    const boList = f.chat.internal.list(bo);
    expect(boList.unread).toBe(1);
    expect(boList.chats[0]).toMatchObject({ unread: 1, lastMessage: { body: '你好 👋🏽', mine: false } });
    expect(f.chat.internal.list(anna).unread).toBe(0);
    // The colleague cannot take over the sender's client id.
    expect(problem(() => f.chat.internal.send(bo, id, 'a-1', 'x'))).toMatchObject({ code: 'invalid-request' });
    expect(problem(() => f.chat.internal.send(bo, id, 'b-1', '长'.repeat(5001)))).toMatchObject({
      code: 'message-too-long',
    });
  });

  it('marks my message delivered when the colleague’s device fetches it and read when they say so', async () => {
    const { anna, bo, id, events, annaId } = await colleagues();
    f.chat.internal.send(anna, id, 'a-1', 'one');
    f.chat.internal.send(anna, id, 'a-2', 'two');
    const marks = () => f.chat.internal.list(anna).chats[0]!;
    expect(marks()).toMatchObject({ peerDeliveredSeq: 0, peerReadSeq: 0 });
    expect(f.chat.internal.messages(bo, id, 0, 500).map((m) => [m.body, m.mine])).toEqual([
      ['one', false],
      ['two', false],
    ]);
    expect(marks()).toMatchObject({ peerDeliveredSeq: 2, peerReadSeq: 0 });
    f.chat.internal.marks(bo, id, { read: 1 });
    expect(marks()).toMatchObject({ peerReadSeq: 1 });
    expect(f.chat.internal.list(bo).chats[0]!.unread).toBe(1);
    // Marks never go back, nor past the last message.
    f.chat.internal.marks(bo, id, { read: 0 });
    f.chat.internal.marks(bo, id, { read: 99 });
    expect(marks()).toMatchObject({ peerDeliveredSeq: 2, peerReadSeq: 2 });
    expect(f.chat.internal.list(bo).unread).toBe(0);
    const lastList = events
      .get(annaId)!
      .filter((e) => e.event === 'internal')
      .at(-1);
    expect(lastList?.data).toMatchObject({ chats: [{ peerReadSeq: 2 }] });
  });

  it('hides a chat from my list only until the next message in it', async () => {
    const { anna, bo, id } = await colleagues();
    f.chat.internal.send(anna, id, 'a-1', 'hi');
    expect(f.chat.internal.hide(bo, id).chats).toEqual([]);
    expect(f.chat.internal.list(anna).chats).toHaveLength(1);
    f.chat.internal.send(anna, id, 'a-2', 'still there?');
    expect(f.chat.internal.list(bo).chats.map((c) => [c.id, c.unread])).toEqual([[id, 2]]);
  });

  it('finds text in one chat or across my chats, newest first, and never in others’ chats', async () => {
    const { anna, bo, id } = await colleagues();
    const third = await f.signIn('8003');
    const other = f.chat.internal.open(anna, personOf('8003')).conversationId;
    f.chat.internal.send(anna, id, 'a-1', '周五的报价单');
    f.clock.advanceSec(1);
    f.chat.internal.send(bo, id, 'b-1', '100% done');
    f.clock.advanceSec(1);
    f.chat.internal.send(third, other, 'c-1', '报价单 v2');
    expect(f.chat.internal.search(anna, '报价', null).map((h) => [h.conversationId, h.body])).toEqual([
      [other, '报价单 v2'],
      [id, '周五的报价单'],
    ]);
    expect(f.chat.internal.search(anna, '报价', id).map((h) => h.body)).toEqual(['周五的报价单']);
    expect(f.chat.internal.search(anna, '0%', null).map((h) => h.body)).toEqual(['100% done']);
    expect(f.chat.internal.search(anna, '_', null)).toEqual([]);
    expect(f.chat.internal.search(bo, '报价', null).map((h) => h.body)).toEqual(['周五的报价单']);
    expect(problem(() => f.chat.internal.search(bo, '报价', other))).toMatchObject({ status: 404 });
  });

  it('sends images by their content to the colleague only, and keeps internal chats off the customer desk and visitor routes', async () => {
    const { anna, bo, id } = await colleagues();
    const bytes = pngImage();
    const sent = await f.chat.internal.sendImage(anna, id, 'a-img', bytes);
    expect(sent).toMatchObject({ kind: 'image', image: { mime: 'image/png', size: bytes.length }, mine: true });
    expect(await f.chat.internal.sendImage(anna, id, 'a-img', bytes)).toEqual(sent);
    expect(f.chat.internal.image(bo, id, sent.image!.id).bytes.equals(bytes)).toBe(true);
    const third = await f.signIn('8003');
    expect(problem(() => f.chat.internal.image(third, id, sent.image!.id))).toMatchObject({ status: 404 });
    await expect(f.chat.internal.sendImage(bo, id, 'b-svg', Buffer.from('<svg/>'))).rejects.toMatchObject({
      code: 'image-refused',
    });
    expect(f.chat.internal.list(bo).chats[0]).toMatchObject({ unread: 1, lastMessage: { kind: 'image' } });
    expect(f.chat.agents.deskOf(anna)).toMatchObject({ offers: [], open: [], recent: [] });
    expect(problem(() => f.chat.agents.check(anna, id))).toMatchObject({ status: 404 });
    expect(problem(() => f.chat.visitors.conversation(id, 'x'.repeat(43)))).toMatchObject({ status: 404 });
  });

  it('refuses a colleague who floods the chat, with when to try again', async () => {
    f = chatFixture({ limits: { internalMessageBurst: 2, internalMessagesPerMinute: 6 } });
    const anna = await f.signIn('8001');
    const { conversationId: id } = f.chat.internal.open(anna, personOf('8002'));
    f.chat.internal.send(anna, id, 'a-1', '1');
    f.chat.internal.send(anna, id, 'a-2', '2');
    expect(problem(() => f.chat.internal.send(anna, id, 'a-3', '3'))).toMatchObject({ code: 'rate-limited' });
    f.clock.advanceSec(10);
    expect(f.chat.internal.send(anna, id, 'a-3', '3').seq).toBe(3);
  });
});

describe('internal chat history across restarts', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps every message in order and the unread count for a colleague who signs in after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'internal-chat-'));
    dirs.push(dir);
    const clock = new ManualClock();
    const path = join(dir, 'provisioning.db');
    const boot = () => {
      const db = openProvisioningDb(path);
      const companyId = seedDemoData(db, clock.now());
      const ids = new Map(
        (
          db.prepare(`SELECT id, extension FROM people WHERE company_id = ?`).all(companyId) as {
            id: number;
            extension: string;
          }[]
        ).map((p) => [p.extension, p.id]),
      );
      // Tokens are the people's extensions here: the device check itself is tested with the sign-in.
      const devices: DeviceTokens = {
        deviceByToken: (token) => ({ deviceId: token, personId: ids.get(token)!, companyId }),
        onDeviceRevoked: () => {},
        onDeviceSignedIn: () => {},
      };
      const chat = new ChatService({
        db,
        clock,
        devices,
        presence: { onPersonChanged: () => {}, chatOfferLapsed: () => {} },
      });
      return { db, chat, ids };
    };
    const first = boot();
    const { conversationId: id } = first.chat.internal.open('8001', first.ids.get('8002')!);
    for (const [n, text] of ['早上好', '😀', '会议改到三点'].entries()) {
      first.chat.internal.send('8001', id, `a-${n}`, text);
      clock.advanceSec(1);
    }
    first.chat.stop();
    first.db.close();

    const second = boot();
    expect(second.chat.internal.list('8002')).toMatchObject({ unread: 3, chats: [{ id, unread: 3 }] });
    expect(second.chat.internal.messages('8002', id, 0, 500).map((m) => m.body)).toEqual([
      '早上好',
      '😀',
      '会议改到三点',
    ]);
    second.chat.internal.marks('8002', id, { read: 3 });
    expect(second.chat.internal.list('8001').chats[0]).toMatchObject({ peerDeliveredSeq: 3, peerReadSeq: 3 });
    second.chat.stop();
    second.db.close();
  });
});
