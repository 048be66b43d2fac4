import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriberDb } from '../../subscriber-db.ts';
import { demoPeople } from '../demo-data.ts';
import { provisioningPaths } from '../paths.ts';
import { startProvisioning, type RunningProvisioning } from '../start.ts';
import { eventReader } from '../test-support/event-reader.ts';
import { ManualClock } from '../test-support/manual-clock.ts';
import { RecordingCodeCaller } from '../test-support/recording-code-caller.ts';
import { jpegImage, pngImage, svgImage } from '../test-support/test-images.ts';

type Json = Record<string, unknown>;
type Message = { seq: number; sender: string; body: string; event: string | null };

/** Polls `probe` until it gives something (the service's own timer runs every 20 ms here). */
async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const until = Date.now() + 5_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The next event, or a failure naming what did not come (a missing event must not hang the run). */
async function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within 5 s`)), 5_000);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('online customer service through the real provisioning service over HTTP', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'chat-int-'));
  // Real sockets and timers; a manual clock for the 30 s offer countdown and the 10 min visitor timeout.
  const clock = new ManualClock(Date.now());
  const caller = new RecordingCodeCaller();
  let running: RunningProvisioning;
  let url: string;

  beforeAll(async () => {
    // Chat needs no Kamailio; sign-in still writes the SIP account it would read.
    createSubscriberDb(provisioningPaths(runDir).subscriberDb);
    running = await startProvisioning(
      { runDir, domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:1', udpPort: 1 },
      { codeCaller: caller, clock, sweepIntervalMs: 20, pingIntervalMs: 50 },
    );
    url = running.url;
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, bearer?: string, body?: unknown, extra: Json = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(extra as Record<string, string>),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json };
  };
  const stream = async (path: string, bearer: string, lastEventId?: string) => {
    const res = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${bearer}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    });
    expect(res.status).toBe(200);
    return eventReader(res);
  };
  const signIn = async (extension: string): Promise<string> => {
    const person = demoPeople.find((p) => p.extension === extension)!;
    const lookup = await call('POST', '/v1/sign-in/lookup', undefined, { mobile: person.mobile });
    const companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    expect((await call('POST', '/v1/sign-in/code', undefined, { mobile: person.mobile, companyId })).status).toBe(202);
    const code = caller.lastCode(person.mobile);
    const verify = await call('POST', '/v1/sign-in/verify', undefined, { mobile: person.mobile, companyId, code });
    expect(verify.status).toBe(200);
    return (verify.body['device'] as { token: string }).token;
  };
  const desk = async (token: string) =>
    (await call('GET', '/v1/chat/desk', token)).body as { offers: { id: string }[]; open: { id: string }[] };

  let second = '';

  it('a visitor waits first in line, an offer lapses to the second agent, text goes both ways untouched, and the chat times out', async () => {
    const first = await signIn('8001');
    second = await signIn('8002');
    for (const token of [first, second])
      expect((await call('PUT', '/v1/status', token, { status: 'busy' })).status).toBe(200);

    const companyId = running.service.lookup(demoPeople[0]!.mobile, '127.0.0.1').companies[0]!.id;
    const started = await call('POST', '/v1/chat/visits', undefined, { companyId });
    expect(started).toMatchObject({ status: 201, body: { view: { state: 'queued', queuePosition: 1 } } });
    const { conversationId: id, visitorToken: visitor } = started.body as {
      conversationId: string;
      visitorToken: string;
    };
    const visitorEvents = await stream(`/v1/chat/visits/${id}/events`, visitor);
    expect(await within('event 1', visitorEvents.nextEvent())).toMatchObject({
      event: 'state',
      data: { state: 'queued', queuePosition: 1 },
    });

    // Manual accept: the first agent Available is offered it and lets it ring out; it moves to the second.
    expect((await call('PUT', '/v1/status', first, { status: 'available' })).status).toBe(200);
    expect((await desk(first)).offers.map((o) => o.id)).toEqual([id]);
    expect((await call('PUT', '/v1/status', second, { status: 'available' })).status).toBe(200);
    expect((await desk(second)).offers).toEqual([]);
    clock.advanceSec(30);
    await eventually(
      async () => ((await desk(second)).offers.some((o) => o.id === id) ? true : null),
      'the offer to move',
    );
    expect((await desk(first)).offers).toEqual([]);
    const me = (await call('GET', '/v1/presence', first)).body['me'];
    expect(me).toMatchObject({ status: 'busy', reason: 'not-responding' });

    expect((await call('POST', `/v1/chat/desk/${id}/accept`, second)).status).toBe(200);
    const opened = await eventually(async () => {
      const e = await within('event 2', visitorEvents.nextEvent());
      return e.event === 'state' && (e.data as Json)['state'] === 'open' ? e : null;
    }, 'the visitor to see the agent');
    expect(opened.data).toMatchObject({ agentName: '李娜 Li Na', queuePosition: null });

    // A retried send (same client id) is one message; HTML comes back as the very same text.
    const hello = await call('POST', `/v1/chat/visits/${id}/messages`, visitor, { clientId: 'v-1', text: '你好' });
    const retry = await call('POST', `/v1/chat/visits/${id}/messages`, visitor, { clientId: 'v-1', text: '你好' });
    expect(retry.body).toEqual(hello.body);
    const html = '<img src=x onerror=alert(1)>';
    await call('POST', `/v1/chat/visits/${id}/messages`, visitor, { clientId: 'v-2', text: html });
    const reply = await call('POST', `/v1/chat/desk/${id}/messages`, second, {
      clientId: 'a-1',
      text: '请问有什么可以帮您',
    });
    expect(reply.status).toBe(200);
    const agentView = await call('GET', `/v1/chat/desk/${id}/messages?after=0`, second);
    expect(agentView.type).toBe('application/json; charset=utf-8');
    const texts = (agentView.body['messages'] as Message[]).filter((m) => m.sender !== 'system');
    expect(texts.map((m) => [m.sender, m.body])).toEqual([
      ['visitor', '你好'],
      ['visitor', html],
      ['agent', '请问有什么可以帮您'],
    ]);

    // The visitor's stream so far, then a dropped connection: what was sent meanwhile comes on resume.
    const seen: Message[] = [];
    while (seen.at(-1)?.body !== '请问有什么可以帮您') {
      const e = await within('event 3', visitorEvents.nextEvent());
      if (e.event === 'message') seen.push((e.data as { message: Message }).message);
    }
    expect(seen.map((m) => m.body)).toContain(html);
    const lastSeen = seen.at(-1)!.seq;
    await visitorEvents.cancel();
    for (const text of ['missed one', 'missed two']) {
      const sent = await call('POST', `/v1/chat/desk/${id}/messages`, second, {
        clientId: text.replace(' ', '-'),
        text,
      });
      expect(sent.status).toBe(200);
    }
    const resumed = await stream(`/v1/chat/visits/${id}/events`, visitor, String(lastSeen));
    expect(await within('event 4', resumed.nextEvent())).toMatchObject({ event: 'state', data: { state: 'open' } });
    expect(await within('event 5', resumed.nextEvent())).toMatchObject({
      id: String(lastSeen + 1),
      data: { message: { body: 'missed one' } },
    });
    expect(await within('event 6', resumed.nextEvent())).toMatchObject({
      id: String(lastSeen + 2),
      data: { message: { body: 'missed two' } },
    });

    // Another visitor's token opens nothing of this conversation.
    const other = (await call('POST', '/v1/chat/visits', undefined, { companyId })).body as { visitorToken: string };
    for (const path of [`/v1/chat/visits/${id}`, `/v1/chat/visits/${id}/messages`, `/v1/chat/visits/${id}/events`]) {
      const answer = await call('GET', path, other.visitorToken);
      expect(answer).toMatchObject({ status: 404, type: 'application/problem+json; charset=utf-8' });
    }

    // The visitor stays silent after the agent's last message for the company's time (default 10 min).
    clock.advanceSec(600);
    const timedOut = await eventually(async () => {
      const e = await within('event 7', resumed.nextEvent());
      return e.event === 'message' && (e.data as { message: Message }).message.event === 'timeout' ? e : null;
    }, 'the timeout');
    expect((timedOut.data as { message: Message }).message.body).toBe(
      '由于您长时间未回复，本次服务已自动结束，感谢您的支持',
    );
    expect(await within('event 8', resumed.nextEvent())).toMatchObject({
      event: 'state',
      data: { state: 'ended', endReason: 'timeout' },
    });
    await resumed.cancel();
  });

  it('images go both ways with equal bytes and only to the participants, and the survey is answered once', async () => {
    const companyId = running.service.lookup(demoPeople[0]!.mobile, '127.0.0.1').companies[0]!.id;
    expect((await call('PUT', '/v1/status', second, { status: 'available' })).status).toBe(200);
    const { conversationId: id, visitorToken: visitor } = (
      await call('POST', '/v1/chat/visits', undefined, { companyId })
    ).body as { conversationId: string; visitorToken: string };
    await eventually(async () => ((await desk(second)).offers.some((o) => o.id === id) ? true : null), 'the offer');
    expect((await call('POST', `/v1/chat/desk/${id}/accept`, second)).status).toBe(200);
    const upload = async (path: string, token: string, bytes: Buffer) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const download = async (path: string, token: string) => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    };

    const photo = pngImage(64, 48, [30, 160, 90]);
    const sent = await upload(`/v1/chat/visits/${id}/images?clientId=v-photo`, visitor, photo);
    expect(sent).toMatchObject({
      status: 200,
      body: { kind: 'image', image: { mime: 'image/png', size: photo.length } },
    });
    const photoId = (sent.body['image'] as { id: string }).id;
    const atAgent = await download(`/v1/chat/desk/${id}/images/${photoId}`, second);
    expect(atAgent.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(atAgent.bytes.equals(photo)).toBe(true);

    const reply = jpegImage();
    const back = await upload(`/v1/chat/desk/${id}/images?clientId=a-photo`, second, reply);
    const replyId = (back.body['image'] as { id: string }).id;
    expect((await download(`/v1/chat/visits/${id}/images/${replyId}`, visitor)).bytes.equals(reply)).toBe(true);
    expect((await upload(`/v1/chat/visits/${id}/images?clientId=v-svg`, visitor, svgImage())).status).toBe(415);

    // Another visitor, and an agent the chat is not theirs: 404 for both images.
    const other = (await call('POST', '/v1/chat/visits', undefined, { companyId })).body as { visitorToken: string };
    const stranger = await signIn('8003');
    for (const imageId of [photoId, replyId]) {
      expect((await download(`/v1/chat/visits/${id}/images/${imageId}`, other.visitorToken)).res.status).toBe(404);
      expect((await download(`/v1/chat/desk/${id}/images/${imageId}`, stranger)).res.status).toBe(404);
    }

    expect((await call('POST', `/v1/chat/desk/${id}/survey`, second)).status).toBe(200);
    const answer = await call('POST', `/v1/chat/visits/${id}/survey`, visitor, { score: 5, comment: '很满意' });
    expect(answer.body).toMatchObject({ survey: { state: 'answered', score: 5, comment: '很满意' } });
    expect((await call('POST', `/v1/chat/visits/${id}/survey`, visitor, { score: 1 })).status).toBe(409);
    const open = (await call('GET', '/v1/chat/desk', second)).body['open'] as { id: string; survey: Json }[];
    expect(open.find((c) => c.id === id)?.survey).toMatchObject({ state: 'answered', score: 5 });
  });
});
