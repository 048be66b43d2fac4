/**
 * Issue 22, "Resource exhaustion": one signed-in device against the presence streams, over real
 * loopback sockets. Each of these would pass straight through the service before the caps, the
 * backpressure bound and the change rate limit (thousands of streams kept, a non-reading client's
 * events buffered without end, every change of a storm accepted).
 */
import { get, type ClientRequest, type IncomingMessage, type Server } from 'node:http';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { close, createProvisioningServer, listen } from './http.ts';
import { presenceRoutes } from './presence-http.ts';
import type { PresenceLimits } from './presence-service.ts';
import { presenceFixture, type PresenceFixture } from './test-support/presence-fixture.ts';

/** A reading stream: counts the `presence` events for each extension and notices its end. */
async function readingStream(url: string, token: string, signal?: AbortSignal) {
  const response = await fetch(`${url}/v1/presence/events`, {
    headers: { authorization: `Bearer ${token}` },
    ...(signal ? { signal } : {}),
  });
  const seen = { snapshots: 0, presence: new Map<string, string[]>(), ended: false };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith('event: snapshot')) seen.snapshots += 1;
          const match = /^event: presence\ndata: (.*)$/m.exec(block);
          if (!match) continue;
          const { extension, status } = JSON.parse(match[1]!) as { extension: string; status: string };
          const list = seen.presence.get(extension) ?? [];
          list.push(status);
          seen.presence.set(extension, list);
        }
      }
    } catch {
      // cut off or aborted
    }
    seen.ended = true;
  })();
  return { status: response.status, seen, done };
}

/** A client that opens the stream and never reads a byte of it. */
function nonReadingStream(url: string, token: string) {
  let request: ClientRequest;
  const state = { closed: false, response: null as IncomingMessage | null };
  const opened = new Promise<void>((resolve, reject) => {
    request = get(`${url}/v1/presence/events`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      state.response = response; // never read: no 'data' listener, never resumed
      resolve();
    });
    request.on('error', reject);
    request.on('close', () => (state.closed = true));
  });
  return { opened, state, destroy: () => request.destroy() };
}

describe('presence streams against a hostile signed-in device', () => {
  let f: PresenceFixture;
  let server: Server;
  let url: string;

  async function start(limits: Partial<PresenceLimits> = {}) {
    f = presenceFixture({ limits });
    server = createProvisioningServer({ service: f.service, routes: presenceRoutes({ presence: f.presence }) });
    url = await listen(server);
  }
  afterEach(async () => {
    await close(server);
    f.close();
  });

  it('one device opening 300 streams holds at most 4; its newest still gets updates, the company is not locked out', async () => {
    await start();
    const hostile = await f.signIn('8001');
    const colleague = await f.signIn('8002');
    const abort = new AbortController();
    const streams: Awaited<ReturnType<typeof readingStream>>[] = [];
    for (let i = 0; i < 300; i += 1) streams.push(await readingStream(url, hostile, abort.signal));
    expect(streams.every((s) => s.status === 200)).toBe(true);
    await expect.poll(() => streams.filter((s) => s.seen.ended).length).toBe(296);
    expect(f.presence.streamCounts()).toMatchObject({ open: 4, evicted: 296, refused: 0 });
    // The four newest are the live ones.
    expect(streams.slice(-4).every((s) => !s.seen.ended)).toBe(true);

    const theirs = await readingStream(url, colleague, abort.signal);
    expect(theirs.status).toBe(200);
    f.presence.setStatus(colleague, { status: 'busy' });
    await expect.poll(() => streams.at(-1)!.seen.presence.get('8002')).toContain('busy');
    await expect.poll(() => theirs.seen.presence.get('8002')).toContain('busy');
    abort.abort();
  });

  it('devices past the company cap get 429 problem+json with Retry-After, not a stream', async () => {
    await start({ maxStreamsPerCompany: 3 });
    const tokens = [await f.signIn('8001'), await f.signIn('8002'), await f.signIn('8003'), await f.signIn('8010')];
    const abort = new AbortController();
    for (const token of tokens.slice(0, 3)) await readingStream(url, token, abort.signal);
    const refused = await fetch(`${url}/v1/presence/events`, { headers: { authorization: `Bearer ${tokens[3]}` } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toMatchObject({ code: 'rate-limited', retryAfterSec: 30 });
    abort.abort();
  });

  it('a client that stops reading is cut off once it is behind, while a reading client gets every change', async () => {
    // The storm itself is not what is limited here (the next test is): a 64 KiB bound is reached sooner.
    await start({ changeBurst: 1e9, changesPerMinute: 1e9, maxBufferedBytes: 64 * 1024 });
    const stalled = await f.signIn('8010');
    const reading = await f.signIn('8011');
    const busy = await f.signIn('8001');
    const hostile = nonReadingStream(url, stalled);
    await hostile.opened;
    const abort = new AbortController();
    const reader = await readingStream(url, reading, abort.signal);
    let changes = 0;
    // Enough changes to fill the loopback socket buffers many times over (each event is ~200 bytes).
    while (changes < 200_000 && f.presence.streamCounts().dropped === 0) {
      f.presence.setStatus(busy, { status: changes % 2 === 0 ? 'busy' : 'available' });
      changes += 1;
      if (changes % 100 === 0) await tick();
    }
    console.log(`presence-hostile: the non-reading stream was cut after ${changes} changes`);
    expect(f.presence.streamCounts()).toMatchObject({ dropped: 1, open: 1 });
    // Its socket was cut: once it does read again, it reads to the end of what was sent, then the end.
    hostile.state.response!.resume();
    await expect.poll(() => hostile.state.closed, { timeout: 10_000 }).toBe(true);
    // Every change reached the reading client, in order, after the other one was cut.
    for (let i = 0; i < 200; i += 1)
      f.presence.setStatus(busy, { status: (changes + i) % 2 === 0 ? 'busy' : 'available' });
    await expect.poll(() => reader.seen.presence.get('8001')?.length ?? 0, { timeout: 20_000 }).toBe(changes + 200);
    expect(reader.seen.ended).toBe(false);
    abort.abort();
  });

  it('a status storm from one device gets 429 with Retry-After after the burst; colleagues see only what was allowed', async () => {
    await start();
    const stormy = await f.signIn('8001');
    const watcher = await f.signIn('8002');
    const abort = new AbortController();
    const reader = await readingStream(url, watcher, abort.signal);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${url}/v1/status`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${stormy}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status: i % 2 === 0 ? 'busy' : 'available' }),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(190);
    const refusal = answers.find((a) => a.status === 429)!;
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refusal.json()).toMatchObject({
      code: 'rate-limited',
      title: expect.stringMatching(/status changes/),
    });
    // Ring-target changes draw on the same allowance.
    const ring = await fetch(`${url}/v1/ring-target`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stormy}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ringTarget: 'mobile' }),
    });
    expect(ring.status).toBe(429);
    // A colleague is not limited by someone else's storm.
    f.presence.setStatus(watcher, { status: 'busy' });
    await expect.poll(() => reader.seen.presence.get('8002')).toContain('busy');
    expect(reader.seen.presence.get('8001')!.length).toBeLessThanOrEqual(10);
    // After the wait it is allowed again.
    f.clock.advanceSec(Number(refusal.headers.get('retry-after')));
    f.presence.setStatus(stormy, { status: 'busy' });
    abort.abort();
  });
});
