import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { close, createProvisioningServer, listen } from './http.ts';
import { presenceRoutes } from './presence-http.ts';
import { eventReader } from './test-support/event-reader.ts';
import { presenceFixture, type PresenceFixture } from './test-support/presence-fixture.ts';

describe('presence HTTP API', () => {
  let f: PresenceFixture;
  let server: Server;
  let url: string;
  let token: string;

  beforeEach(async () => {
    f = presenceFixture();
    token = await f.signIn('8001');
    server = createProvisioningServer({
      service: f.service,
      routes: presenceRoutes({ presence: f.presence, pingIntervalMs: 50 }),
    });
    url = await listen(server);
  });
  afterEach(async () => {
    await close(server);
    f.close();
  });

  const put = (path: string, body: unknown, bearer = token) =>
    fetch(`${url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it("streams the snapshot first, then every colleague's change and the group count, with pings", async () => {
    const response = await fetch(`${url}/v1/presence/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = eventReader(response);
    const first = await events.next();
    expect(first).toMatchObject({ event: 'snapshot', data: { me: { extension: '8001', status: 'available' } } });

    const colleague = await f.signIn('8002');
    expect((await put('/v1/status', { status: 'break', reason: 'Lunch' }, colleague)).status).toBe(200);
    const seen: unknown[] = [];
    while (seen.length < 4) {
      const next = await events.next();
      if ('event' in next) seen.push(next);
    }
    // Signing in takes the colleague from Offline to Available; then the break.
    expect(seen).toEqual([
      { event: 'presence', data: expect.objectContaining({ extension: '8002', status: 'available' }) },
      { event: 'group', data: expect.objectContaining({ number: '8200', available: 2 }) },
      { event: 'presence', data: expect.objectContaining({ extension: '8002', status: 'break', reason: 'Lunch' }) },
      { event: 'group', data: expect.objectContaining({ number: '8200', available: 1 }) },
    ]);
    let ping;
    do ping = await events.next();
    while (!('comment' in ping));
    expect(ping).toEqual({ comment: 'ping' });
    expect(f.presence.listenerCount()).toBe(1);

    // Closing the server ends the stream and forgets the listener.
    await close(server);
    expect(await events.ended()).toBe(true);
    await expect.poll(() => f.presence.listenerCount()).toBe(0);
  });

  it('forgets a listener whose client went away', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/presence/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    await eventReader(response).next();
    expect(f.presence.listenerCount()).toBe(1);
    controller.abort();
    await expect.poll(() => f.presence.listenerCount()).toBe(0);
  });

  it('ends the stream of a device that signs out', async () => {
    const response = await fetch(`${url}/v1/presence/events`, { headers: { authorization: `Bearer ${token}` } });
    const events = eventReader(response);
    await events.next();
    await f.service.signOut(token, '127.0.0.1');
    expect(await events.ended()).toBe(true);
    expect(f.presence.listenerCount()).toBe(0);
  });

  it('sets status and ring target, refusing bad input with a clear problem', async () => {
    const ok = await put('/v1/status', { status: 'break', reason: 'Meeting' });
    expect(await ok.json()).toMatchObject({ extension: '8001', status: 'break', reason: 'Meeting' });
    const noReason = await put('/v1/status', { status: 'break' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ code: 'invalid-request', title: expect.stringMatching(/Lunch/) });
    expect((await put('/v1/status', { status: 'sleeping' })).status).toBe(400);
    expect((await put('/v1/status', { status: 'busy' }, 'x'.repeat(40))).status).toBe(401);
    expect(await (await put('/v1/ring-target', { ringTarget: 'mobile' })).json()).toMatchObject({
      ringTarget: 'mobile',
    });
    const snapshot = (await (
      await fetch(`${url}/v1/presence`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { me: { status: string; ringTarget: string } };
    expect(snapshot.me).toMatchObject({ status: 'break', ringTarget: 'mobile' });
  });

  it('documents every route and problem code in openapi.yaml', async () => {
    const doc = await readFile(new URL('./openapi.yaml', import.meta.url), 'utf8');
    for (const route of Object.keys(presenceRoutes({ presence: f.presence }))) {
      const [method, path] = route.split(' ');
      const start = doc.indexOf(`\n  ${path}:\n`);
      expect(start, route).toBeGreaterThan(0);
      const section = doc.slice(start + 1, doc.indexOf('\n  /', start + 1));
      expect(section, route).toContain(`\n    ${method!.toLowerCase()}:`);
    }
    for (const code of ['not-in-mobile-mode', 'offline']) expect(doc).toContain(`- ${code}`);
  });
});
