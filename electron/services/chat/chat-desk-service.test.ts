/**
 * The app's chat desk against the real chat routes over loopback HTTP (the provisioning service's
 * chat fixture, manual clock): nothing lost or shown twice across a dropped stream, sends retried
 * with their client ids, unread counts kept until the agent looks, and an offer's countdown.
 */
import type { Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatDeskView, ChatTranscript } from '../../../src/shared/chat.ts';
import { close, createProvisioningServer, listen } from '../../../switchboard/provisioning/http.ts';
import { chatFixture, type ChatFixture } from '../../../switchboard/provisioning/test-support/chat-fixture.ts';
import { gifImage, pngImage, svgImage } from '../../../switchboard/provisioning/test-support/test-images.ts';
import { ChatDeskService } from './chat-desk-service.ts';

describe('the chat desk in the app', () => {
  let f: ChatFixture;
  let server: Server;
  let desk: ChatDeskService;
  afterEach(async () => {
    desk?.forget();
    await close(server);
    f.close();
  });

  /** A network the test can pull: while down every request fails; pulling it cuts the open streams. */
  const network = () => {
    let down = false;
    const open = new Set<AbortController>();
    const wrapped: typeof fetch = async (input, init) => {
      if (down) throw new TypeError('fetch failed');
      const abort = new AbortController();
      init?.signal?.addEventListener('abort', () => abort.abort());
      open.add(abort);
      try {
        return await fetch(input, { ...init, signal: abort.signal });
      } finally {
        if (!String(input).endsWith('/events')) open.delete(abort);
      }
    };
    return {
      fetch: wrapped,
      pull() {
        down = true;
        for (const abort of open) abort.abort();
        open.clear();
      },
      restore() {
        down = false;
      },
    };
  };

  const setUp = async (settings: Parameters<typeof chatFixture>[0]) => {
    f = chatFixture(settings);
    server = createProvisioningServer({ service: f.service, routes: f.chatRoutes() });
    const url = await listen(server);
    const token = await f.signIn('8001');
    const net = network();
    const views: ChatDeskView[] = [];
    const transcripts = new Map<string, ChatTranscript>();
    desk = new ChatDeskService({
      device: () => ({ serviceUrl: url, deviceId: 'd', token, companyId: f.companyId, mobile: '+8613800000000' }),
      onView: (view) => view && views.push(view),
      onTranscript: (t) => transcripts.set(t.conversationId, t),
      fetch: net.fetch,
      retryMs: 20,
    });
    const visitor = async () => {
      const res = await fetch(`${url}/v1/chat/visits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ companyId: f.companyId }),
      });
      const v = (await res.json()) as { conversationId: string; visitorToken: string };
      return {
        id: v.conversationId,
        token: v.visitorToken,
        say: (clientId: string, text: string) =>
          fetch(`${url}/v1/chat/visits/${v.conversationId}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${v.visitorToken}` },
            body: JSON.stringify({ clientId, text }),
          }),
      };
    };
    const unreadAtService = async () => {
      const res = await fetch(`${url}/v1/chat/desk`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as { open: { unread: number }[] }).open[0]!.unread;
    };
    const visitorCall = async (id: string, token: string, path: string, init: RequestInit = {}) =>
      fetch(`${url}/v1/chat/visits/${id}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      });
    return { net, views, transcripts, visitor, visitorCall, unreadAtService, token, last: () => views.at(-1)! };
  };

  it('after a dropped stream, what both sides wrote meanwhile shows once and in order, and stays unread', async () => {
    const { net, transcripts, visitor, unreadAtService, last } = await setUp({ settings: { acceptMode: 'auto' } });
    desk.start();
    const v = await visitor();
    await vi.waitFor(() => expect(last().open.map((c) => c.id)).toEqual([v.id]));
    await v.say('v1', 'one');
    await vi.waitFor(() => expect(transcripts.get(v.id)?.messages.map((m) => m.body)).toContain('one'));

    net.pull();
    await vi.waitFor(() => expect(last().connection).toBe('offline'));
    await v.say('v2', 'two');
    await v.say('v3', 'three');
    desk.send(v.id, 'from the agent');
    await vi.waitFor(() => expect(transcripts.get(v.id)?.pending[0]?.failed).toBe('server-unreachable'));

    net.restore();
    await vi.waitFor(() => {
      const t = transcripts.get(v.id)!;
      expect(t.messages.map((m) => `${m.sender}:${m.body}`)).toEqual([
        'system:王小明 Wang Xiaoming',
        'visitor:one',
        'visitor:two',
        'visitor:three',
        'agent:from the agent',
      ]);
      expect(t.pending).toEqual([]);
    });
    expect(last().connection).toBe('live');
    // Catching up is not reading: three unread here and at the service, until the agent opens the chat.
    expect(last().open[0]!.unread).toBe(3);
    expect(last().open[0]!.lastLine).toMatchObject({ sender: 'agent', text: 'from the agent' });
    expect(last().open[0]!.visitorTag).toMatch(/^[A-Za-z0-9_-]{6}$/);
    expect(last().open[0]!.visitorTag).not.toMatch(/^anon/);
    expect(await unreadAtService()).toBe(3);
    const shown = await desk.open(v.id);
    expect(shown?.messages).toHaveLength(5);
    expect(last().open[0]!.unread).toBe(0);
    await vi.waitFor(async () => expect(await unreadAtService()).toBe(0));
  });

  it('an offer carries its countdown in this computer’s time; accepted, the chat opens', async () => {
    const { visitor, last } = await setUp({ settings: { acceptMode: 'manual', offerTimeoutSec: 30 } });
    desk.start();
    const v = await visitor();
    await vi.waitFor(() => expect(last().offers.map((c) => c.id)).toEqual([v.id]));
    const left = last().offers[0]!.offerExpiresAt! - Date.now();
    expect(left).toBeGreaterThan(25_000);
    expect(left).toBeLessThanOrEqual(31_000);
    await desk.accept(v.id);
    expect(last().offers).toEqual([]);
    expect(last().open.map((c) => c.id)).toEqual([v.id]);
  });

  it('refuses a message over 5,000 characters before sending, and keeps none of it', async () => {
    const { visitor, last, transcripts } = await setUp({ settings: { acceptMode: 'auto' } });
    desk.start();
    const v = await visitor();
    await vi.waitFor(() => expect(last().open).toHaveLength(1));
    expect(() => desk.send(v.id, '字'.repeat(5001))).toThrow(/at most 5000 characters/);
    expect(transcripts.get(v.id)?.pending ?? []).toEqual([]);
  });

  it('an image goes both ways with equal bytes; one cut off by a drop is sent again once, with its id', async () => {
    const { net, transcripts, visitor, visitorCall, last } = await setUp({ settings: { acceptMode: 'auto' } });
    desk.start();
    const v = await visitor();
    await vi.waitFor(() => expect(last().open.map((c) => c.id)).toEqual([v.id]));
    const photo = pngImage(12, 9, [10, 120, 200]);
    await visitorCall(v.id, v.token, '/images?clientId=v-img', { method: 'POST', body: new Uint8Array(photo) });
    const received = await vi.waitFor(() => {
      const m = transcripts.get(v.id)?.messages.find((x) => x.kind === 'image');
      if (!m?.image) throw new Error('no image yet');
      return m.image;
    });
    const { dataUrl } = await desk.image(v.id, received.id);
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').equals(photo)).toBe(true);
    expect(last().open[0]!.lastLine).toMatchObject({ sender: 'visitor', image: true });

    net.pull();
    await vi.waitFor(() => expect(last().connection).toBe('offline'));
    const reply = gifImage();
    desk.sendImage(v.id, reply.toString('base64'));
    await vi.waitFor(() =>
      expect(transcripts.get(v.id)?.pending[0]).toMatchObject({ image: true, failed: 'server-unreachable' }),
    );
    net.restore();
    await vi.waitFor(() => expect(transcripts.get(v.id)?.pending).toEqual([]));
    const mine = transcripts.get(v.id)!.messages.filter((m) => m.sender === 'agent' && m.kind === 'image');
    expect(mine).toHaveLength(1);
    const atVisitor = await visitorCall(v.id, v.token, `/images/${mine[0]!.image!.id}`);
    expect(Buffer.from(await atVisitor.arrayBuffer()).equals(reply)).toBe(true);
  });

  it('an SVG the agent picks is refused with the service’s reason and stays shown with it', async () => {
    const { transcripts, visitor, last } = await setUp({ settings: { acceptMode: 'auto' } });
    desk.start();
    const v = await visitor();
    await vi.waitFor(() => expect(last().open).toHaveLength(1));
    desk.sendImage(v.id, svgImage().toString('base64'));
    await vi.waitFor(() => expect(transcripts.get(v.id)?.pending[0]?.failed).toBe('image-refused'));
    expect(() => desk.sendImage(v.id, '')).toThrow(/empty/);
  });

  it('the satisfaction survey is sent once and the visitor’s answer shows on the chat, also once it has ended', async () => {
    const { visitor, visitorCall, last } = await setUp({ settings: { acceptMode: 'auto' } });
    desk.start();
    const v = await visitor();
    await vi.waitFor(() => expect(last().open).toHaveLength(1));
    await desk.sendSurvey(v.id);
    expect(last().open[0]!.survey).toMatchObject({ state: 'sent' });
    await expect(desk.sendSurvey(v.id)).rejects.toMatchObject({ code: 'survey-already-sent' });
    await desk.end(v.id);
    await visitorCall(v.id, v.token, '/survey', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 2, comment: 'slow <b>reply</b>' }),
    });
    await vi.waitFor(() =>
      expect(last().recent[0]!.survey).toMatchObject({ state: 'answered', score: 2, comment: 'slow <b>reply</b>' }),
    );
  });

  it('service records come a page at a time, each page continuing after the last record shown', async () => {
    const { token } = await setUp({ settings: { acceptMode: 'auto' } });
    desk.start();
    const ended: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Each from its own address: one address starting many chats is slowed down (chat-limits.ts).
      const v = f.chat.visitors.start({ companyId: f.companyId }, `203.0.113.${i + 1}`);
      f.clock.advanceSec(60);
      f.chat.agents.end(token, v.conversationId);
      ended.unshift(v.conversationId);
    }
    const first = await desk.records({ limit: 3 });
    expect(first.map((r) => r.id)).toEqual(ended.slice(0, 3));
    const second = await desk.records({ limit: 3, beforeId: first.at(-1)!.id });
    expect(second.map((r) => r.id)).toEqual(ended.slice(3, 6));
    const last = await desk.records({ limit: 3, beforeId: second.at(-1)!.id });
    expect(last.map((r) => r.id)).toEqual(ended.slice(6));
  });
});
