/**
 * The app's side of the service's backlog bound (issue 22): an app whose stream falls behind is cut
 * off by the real provisioning service, reconnects by itself and takes a fresh snapshot that holds
 * what it missed. The app is stalled by holding back its reads (as a frozen renderer or a starved
 * link would), over a real loopback socket.
 */
import type { Server } from 'node:http';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Presence, PresenceSnapshot } from '../../../src/shared/presence.ts';
import { close, createProvisioningServer, listen } from '../../../switchboard/provisioning/http.ts';
import { presenceRoutes } from '../../../switchboard/provisioning/presence-http.ts';
import {
  presenceFixture,
  type PresenceFixture,
} from '../../../switchboard/provisioning/test-support/presence-fixture.ts';
import { PresenceClient, type StreamState } from './presence-client.ts';

/** fetch whose response bodies stop being read while `stalled`, until `release()`. */
function stallableFetch() {
  let stalled = false;
  let release: () => void = () => {};
  let resumed = Promise.resolve();
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const inner = response.body.getReader();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (stalled) await resumed;
          const { done, value } = await inner.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => inner.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return {
    fetch: wrapped,
    stall() {
      stalled = true;
      resumed = new Promise((resolve) => (release = resolve));
    },
    release() {
      stalled = false;
      release();
    },
  };
}

describe('an app that falls behind on the presence stream', () => {
  let f: PresenceFixture;
  let server: Server;
  let client: PresenceClient | null = null;
  afterEach(async () => {
    client?.stop();
    await close(server);
    f.close();
  });

  it('is cut off by the service, reconnects and its fresh snapshot shows what it missed', async () => {
    f = presenceFixture({ limits: { changeBurst: 1e9, changesPerMinute: 1e9, maxBufferedBytes: 64 * 1024 } });
    server = createProvisioningServer({ service: f.service, routes: presenceRoutes({ presence: f.presence }) });
    const url = await listen(server);
    const colleague = await f.signIn('8002');
    const net = stallableFetch();
    const seen = { snapshots: [] as PresenceSnapshot[], presences: [] as Presence[], states: [] as StreamState[] };
    client = new PresenceClient({ baseUrl: url, token: await f.signIn('8001'), fetch: net.fetch, retryMs: 20 });
    client.start({
      snapshot: (s) => seen.snapshots.push(s),
      presence: (p) => seen.presences.push(p),
      group: () => {},
      state: (s) => seen.states.push(s),
    });
    await expect.poll(() => seen.states.at(-1)).toBe('live');

    net.stall();
    let changes = 0;
    while (changes < 200_000 && f.presence.streamCounts().dropped === 0) {
      f.presence.setStatus(colleague, { status: changes % 2 === 0 ? 'busy' : 'available' });
      changes += 1;
      if (changes % 100 === 0) await tick();
    }
    expect(f.presence.streamCounts().dropped).toBe(1);
    f.presence.setStatus(colleague, { status: 'break', reason: 'Lunch' });
    net.release();

    await expect.poll(() => seen.snapshots.length, { timeout: 20_000 }).toBe(2);
    expect(seen.snapshots[1]!.people.find((p) => p.extension === '8002')).toMatchObject({
      status: 'break',
      reason: 'Lunch',
    });
    expect(seen.states.slice(-3)).toEqual(['offline', 'connecting', 'live']);
    expect(f.presence.streamCounts().open).toBe(1);
  });
});
