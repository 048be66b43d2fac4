import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GroupPresence, Presence, PresenceSnapshot } from '../../../src/shared/presence.ts';
import { PresenceClient, type PresenceListener, type StreamState } from './presence-client.ts';
import { FAKE_TOKEN, presence, startFakePresenceServer, type FakePresenceServer } from './fake-presence-server.ts';

let server: FakePresenceServer | null = null;
let client: PresenceClient | null = null;
afterEach(async () => {
  client?.stop();
  await server?.close();
  server = client = null;
});

function recorder() {
  const seen = {
    snapshots: [] as PresenceSnapshot[],
    presences: [] as Presence[],
    groups: [] as GroupPresence[],
    states: [] as StreamState[],
  };
  const listener: PresenceListener = {
    snapshot: (s) => seen.snapshots.push(s),
    presence: (p) => seen.presences.push(p),
    group: (g) => seen.groups.push(g),
    state: (s) => seen.states.push(s),
  };
  return { seen, listener };
}

const hotline: GroupPresence = {
  number: '8200',
  name: 'Hotline',
  members: ['2001', '2002'],
  available: 2,
  ringTimeoutSec: 20,
};

describe('PresenceClient', () => {
  it('takes the snapshot, then every colleague change and group count as it happens', async () => {
    server = await startFakePresenceServer({ people: [presence('2002')], groups: [hotline] });
    const { seen, listener } = recorder();
    client = new PresenceClient({ baseUrl: server.url, token: FAKE_TOKEN });
    client.start(listener);
    await vi.waitFor(() => expect(seen.snapshots).toHaveLength(1));
    expect(seen.states).toEqual(['connecting', 'live']);
    expect(seen.snapshots[0]!.people.map((p) => p.extension).sort()).toEqual(['2001', '2002']);
    expect(seen.snapshots[0]!.groups).toEqual([hotline]);

    server.push(presence('2002', { status: 'break', reason: 'Lunch' }));
    server.pushGroup({ ...hotline, available: 1 });
    // Garbage between events is skipped; the stream goes on.
    server.pushRaw('event: presence\ndata: {"nope":1}\n\n: ping\n\n');
    server.push(presence('2002', { status: 'available' }));
    await vi.waitFor(() => expect(seen.presences).toHaveLength(2));
    expect(seen.presences.map((p) => p.status)).toEqual(['break', 'available']);
    expect(seen.groups).toEqual([{ ...hotline, available: 1 }]);
  });

  it('reconnects after the stream drops and takes a fresh snapshot', async () => {
    server = await startFakePresenceServer();
    const { seen, listener } = recorder();
    client = new PresenceClient({ baseUrl: server.url, token: FAKE_TOKEN, retryMs: 20 });
    client.start(listener);
    await vi.waitFor(() => expect(seen.snapshots).toHaveLength(1));
    server.dropStreams();
    await vi.waitFor(() => expect(seen.snapshots).toHaveLength(2));
    expect(server.connections()).toBe(2);
    expect(seen.states).toEqual(['connecting', 'live', 'offline', 'connecting', 'live']);
  });

  it('a silent stream is taken as dead and reopened', async () => {
    server = await startFakePresenceServer();
    const { seen, listener } = recorder();
    client = new PresenceClient({ baseUrl: server.url, token: FAKE_TOKEN, retryMs: 10, silenceMs: 150 });
    client.start(listener);
    await vi.waitFor(() => expect(seen.snapshots.length).toBeGreaterThanOrEqual(2), { timeout: 2000 });
  });

  it('keeps retrying while the service is down, with growing waits', async () => {
    const { seen, listener } = recorder();
    client = new PresenceClient({ baseUrl: 'http://127.0.0.1:9', token: FAKE_TOKEN, retryMs: 10, maxRetryMs: 40 });
    client.start(listener);
    await vi.waitFor(() => expect(seen.states.filter((s) => s === 'offline').length).toBeGreaterThanOrEqual(3));
  });

  it('stops for good when the device token is refused', async () => {
    server = await startFakePresenceServer();
    const { seen, listener } = recorder();
    client = new PresenceClient({ baseUrl: server.url, token: 'revoked-token-000000', retryMs: 10 });
    client.start(listener);
    await vi.waitFor(() => expect(seen.states).toEqual(['connecting', 'unauthorized']));
  });

  it('sets status, ring target and asks for a callback with the device token; problems come back as codes', async () => {
    server = await startFakePresenceServer();
    client = new PresenceClient({ baseUrl: server.url, token: FAKE_TOKEN });
    const busy = await client.setStatus({ status: 'break', reason: 'Lunch' });
    expect(busy).toMatchObject({ ok: true, value: { status: 'break', reason: 'Lunch' } });
    expect(await client.callback('2002')).toEqual({
      ok: false,
      code: 'not-in-mobile-mode',
      title: 'Not in mobile mode',
    });
    expect(await client.setRingTarget('mobile')).toMatchObject({ ok: true, value: { ringTarget: 'mobile' } });
    expect(await client.callback('2002')).toEqual({ ok: true, value: { callbackId: 'cb-1' } });
    server.failNext(400, 'invalid-request', 'Unknown break reason');
    expect(await client.setStatus({ status: 'break', reason: 'Nap' })).toEqual({
      ok: false,
      code: 'invalid-request',
      title: 'Unknown break reason',
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /v1/status',
      'POST /v1/callback',
      'PUT /v1/ring-target',
      'POST /v1/callback',
      'PUT /v1/status',
    ]);
    expect(server.requests.every((r) => r.auth === `Bearer ${FAKE_TOKEN}`)).toBe(true);
    const offline = new PresenceClient({ baseUrl: 'http://127.0.0.1:9', token: FAKE_TOKEN });
    expect(await offline.setStatus({ status: 'available' })).toMatchObject({ ok: false, code: 'server-unreachable' });
  });
});
