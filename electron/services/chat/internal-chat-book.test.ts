/**
 * Internal chats in the app (issue 17) against the real chat routes over loopback HTTP: two colleagues'
 * apps, each a ChatDeskService on its own device token; messages both ways with marks, unread until
 * shown, a send cut off by a dropped network landing once, hiding until the next message.
 */
import type { Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatDeskView, ChatTranscript } from '../../../src/shared/chat.ts';
import { close, createProvisioningServer, listen } from '../../../switchboard/provisioning/http.ts';
import { chatFixture, type ChatFixture } from '../../../switchboard/provisioning/test-support/chat-fixture.ts';
import { pngImage } from '../../../switchboard/provisioning/test-support/test-images.ts';
import { ChatDeskService } from './chat-desk-service.ts';

describe('internal chats in the app', () => {
  let f: ChatFixture;
  let server: Server;
  const apps: ChatDeskService[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) app.forget();
    await close(server);
    f.close();
  });

  async function colleagues() {
    f = chatFixture();
    server = createProvisioningServer({ service: f.service, routes: f.chatRoutes() });
    const url = await listen(server);
    const app = async (extension: string) => {
      const token = await f.signIn(extension);
      let down = false;
      const views: ChatDeskView[] = [];
      const transcripts = new Map<string, ChatTranscript>();
      const open = new Set<AbortController>();
      const desk = new ChatDeskService({
        device: () => ({ serviceUrl: url, deviceId: extension, token, companyId: f.companyId, mobile: '+86' }),
        onView: (view) => view && views.push(view),
        onTranscript: (t) => transcripts.set(t.conversationId, t),
        fetch: async (input, init) => {
          if (down) throw new TypeError('fetch failed');
          const abort = new AbortController();
          init?.signal?.addEventListener('abort', () => abort.abort());
          open.add(abort);
          return fetch(input, { ...init, signal: abort.signal });
        },
        retryMs: 20,
      });
      apps.push(desk);
      desk.start();
      return {
        desk,
        transcripts,
        internal: () => views.at(-1)?.internal ?? [],
        pull() {
          down = true;
          for (const a of open) a.abort();
          open.clear();
        },
        restore() {
          down = false;
        },
      };
    };
    const personOf = (ext: string) =>
      f.db.prepare(`SELECT id FROM people WHERE extension = ?`).pluck().get(ext) as number;
    return { anna: await app('8001'), bo: await app('8002'), personOf };
  }

  it('sends both ways with emoji and an image, counts unread until shown, and marks mine delivered and read', async () => {
    const { anna, bo, personOf } = await colleagues();
    const id = await anna.desk.internal.start(personOf('8002'));
    expect(anna.internal().map((c) => c.peer.extension)).toEqual(['8002']);
    await anna.desk.open(id);
    anna.desk.send(id, '午饭一起吗？🍜');
    await vi.waitFor(() => expect(bo.internal()).toMatchObject([{ id, unread: 1, lastLine: { mine: false } }]));
    // Bo's device received it (the stream), so Anna sees it delivered, not yet read.
    await vi.waitFor(() => expect(anna.internal()[0]).toMatchObject({ peerDeliveredSeq: 1, peerReadSeq: 0 }));

    await bo.desk.open(id);
    expect(bo.transcripts.get(id)?.messages.map((m) => [m.body, m.mine])).toEqual([['午饭一起吗？🍜', false]]);
    await vi.waitFor(() => expect(anna.internal()[0]).toMatchObject({ peerReadSeq: 1 }));
    expect(bo.internal()[0]!.unread).toBe(0);
    const picture = pngImage(6, 6, [1, 2, 3]);
    bo.desk.sendImage(id, picture.toString('base64'));
    await vi.waitFor(() => expect(anna.transcripts.get(id)?.messages.at(-1)?.kind).toBe('image'));
    const image = anna.transcripts.get(id)!.messages.at(-1)!.image!;
    const { dataUrl } = await anna.desk.image(id, image.id);
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').equals(picture)).toBe(true);
    // Anna has the chat open: Bo's picture counts as read at once.
    await vi.waitFor(() => expect(bo.internal()[0]).toMatchObject({ peerReadSeq: 2 }));
  });

  it('lands a send cut off by a dropped network once, and brings a hidden chat back with the next message', async () => {
    const { anna, bo, personOf } = await colleagues();
    const id = await anna.desk.internal.start(personOf('8002'));
    await anna.desk.open(id);
    anna.pull();
    anna.desk.send(id, 'are you there?');
    await vi.waitFor(() => expect(anna.transcripts.get(id)?.pending[0]?.failed).toBe('server-unreachable'));
    anna.restore();
    await vi.waitFor(() => expect(anna.transcripts.get(id)?.messages.map((m) => m.body)).toEqual(['are you there?']));
    expect(anna.transcripts.get(id)?.pending).toEqual([]);

    await vi.waitFor(() => expect(bo.internal().map((c) => c.id)).toEqual([id]));
    await bo.desk.hide(id);
    expect(bo.internal()).toEqual([]);
    anna.desk.send(id, 'ping');
    await vi.waitFor(() => expect(bo.internal()).toMatchObject([{ id, unread: 2 }]));
    expect(await bo.desk.internal.search('there', null)).toMatchObject([
      { conversationId: id, body: 'are you there?' },
    ]);
  });
});
