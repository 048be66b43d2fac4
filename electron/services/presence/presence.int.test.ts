/**
 * Working status and presence in the app core against the real provisioning service (its presence
 * routes, rules and SQLite database; no Kamailio: status and presence do not touch SIP here). Two
 * colleagues' apps: what one does reaches the other's lists, and the switchboard holds what routing reads.
 */
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import type { PresenceDelta, PresenceSnapshot } from '../../../src/shared/presence.ts';
import { demoPeople } from '../../../switchboard/provisioning/demo-data.ts';
import { close, createProvisioningServer, listen } from '../../../switchboard/provisioning/http.ts';
import {
  presenceFixture,
  type PresenceFixture,
} from '../../../switchboard/provisioning/test-support/presence-fixture.ts';
import { createTestCore } from '../app/test-doubles.ts';

const call = (phase: CallSnapshot['phase']): CallSnapshot => ({
  id: 'c1',
  direction: 'incoming',
  phase,
  remoteNumber: '13912345678',
  startedAt: Date.now(),
  ...(phase === 'ended' ? { outcome: 'answered' as const, endedAt: Date.now() } : {}),
});

describe('status and presence against the provisioning service', () => {
  let f: PresenceFixture;
  let server: Server;
  let url: string;
  const cores: Array<{ shutdown(): Promise<void> }> = [];

  beforeEach(async () => {
    f = presenceFixture();
    server = createProvisioningServer({
      service: f.service,
      routes: f.routes(),
    });
    url = await listen(server);
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.shutdown().catch(() => {});
    await close(server);
    f.close();
  });

  async function app(extension: string) {
    const token = await f.signIn(extension);
    const person = demoPeople.find((p) => p.extension === extension)!;
    const test = createTestCore({ presenceRetryMs: 50 });
    cores.push(test.core);
    await test.core.session.signIn({
      server: 'ws://127.0.0.1:1',
      user: extension,
      password: 'x',
      provisioned: {
        serviceUrl: url,
        deviceId: `device-${extension}`,
        token,
        companyId: f.companyId,
        mobile: person.mobile,
      },
    });
    const engine = test.engine;
    await engine('registration', { status: 'registered' });
    await vi.waitFor(() => expect(test.core.state.get().agent?.availability).toBe('live'));
    const serverSees = async () => {
      const response = await fetch(`${url}/v1/presence`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as PresenceSnapshot).me;
    };
    return { test, ui: test.ui, engine, serverSees, agent: () => test.core.state.get().agent! };
  }

  it("a colleague's status change reaches the other app's lists within a second; group counts follow", async () => {
    const alice = await app('8001');
    const bob = await app('8002');
    const hotline = async () =>
      (await alice.ui('listPresenceGroups', {})) as {
        ok: true;
        value: { number: string; members: string[]; available: number }[];
      };
    const before = (await hotline()).value.find((g) => g.members.includes('8002'))!.available;

    const started = performance.now();
    expect(await bob.ui('setAgentStatus', { status: 'break', reason: 'Lunch' })).toMatchObject({ ok: true });
    await vi.waitFor(
      async () =>
        expect(await alice.ui('getPresence', { extensions: ['8002'] })).toMatchObject({
          value: [{ extension: '8002', status: 'break', reason: 'Lunch' }],
        }),
      { timeout: 1000, interval: 10 },
    );
    const latencyMs = performance.now() - started;
    console.log(`presence change reached the other app in ${latencyMs.toFixed(0)} ms`);
    expect((await hotline()).value.find((g) => g.members.includes('8002'))!.available).toBe(before - 1);
    // The window hears of it as a small delta (batched for 50 ms), not through the app state.
    const deltas = () =>
      alice.test.broadcasts.filter((b) => b.event === 'presence').map((b) => b.payload as PresenceDelta);
    await vi.waitFor(() =>
      expect(deltas().some((d) => d.people.some((p) => p.extension === '8002' && p.status === 'break'))).toBe(true),
    );
  });

  it('a call: on a call, then after-call work with the company countdown, "Ready now" back to Available', async () => {
    const alice = await app('8001');
    await alice.engine('call', call('incoming'));
    await alice.engine('call', call('connected'));
    await vi.waitFor(async () => expect((await alice.serverSees()).status).toBe('on-call'));
    await alice.engine('call', call('ended'));
    await vi.waitFor(async () => expect((await alice.serverSees()).status).toBe('after-call-work'));
    const server = await alice.serverSees();
    expect(server.acwUntil! - server.since).toBe(30_000);
    // The service's deadline, in this computer's time (the fixture's clock stands still at another date).
    await vi.waitFor(() => expect(Math.abs(alice.agent().acwUntil! - (Date.now() + 30_000))).toBeLessThan(2000));
    expect(await alice.ui('signOut', {})).toMatchObject({ ok: false });
    await alice.ui('agentReadyNow', {});
    await vi.waitFor(async () => expect((await alice.serverSees()).status).toBe('available'));
    expect(alice.agent().status).toBe('available');
  });

  it('an unknown break reason is refused with the company list in mind; Offline refuses dialing', async () => {
    const alice = await app('8001');
    expect(await alice.ui('setAgentStatus', { status: 'break', reason: 'Nap' })).toMatchObject({ ok: false });
    await alice.ui('setAgentStatus', { status: 'offline' });
    await vi.waitFor(async () => expect((await alice.serverSees()).status).toBe('offline'));
    expect(await alice.ui('dial', { target: '8002' })).toEqual({
      ok: true,
      value: { kind: 'refused', reason: 'offline' },
    });
  });

  it('mobile mode: the switchboard is asked to call the mobile first, then the callee', async () => {
    const alice = await app('8001');
    expect(await alice.ui('dial', { target: '8002' })).toMatchObject({ ok: true, value: { kind: 'call' } });
    await alice.ui('setRingTarget', { ringTarget: 'mobile' });
    expect((await alice.serverSees()).ringTarget).toBe('mobile');
    expect(await alice.ui('dial', { target: '8002' })).toEqual({ ok: true, value: { kind: 'callback', to: '8002' } });
    expect(f.callbacks.requests).toHaveLength(1);
    expect(JSON.stringify(f.callbacks.requests[0])).toContain('8002');
  });

  it('Quit sets the person Offline for everyone; the next start restores the chosen status', async () => {
    const alice = await app('8001');
    const bob = await app('8002');
    await alice.ui('setAgentStatus', { status: 'busy' });
    await alice.test.core.shutdown();
    await vi.waitFor(async () =>
      expect(await bob.ui('getPresence', { extensions: ['8001'] })).toMatchObject({ value: [{ status: 'offline' }] }),
    );
    // Registered again (the next start): the saved choice, Busy, goes back to the switchboard.
    await alice.engine('registration', { status: 'connecting' });
    await alice.engine('registration', { status: 'registered' });
    await vi.waitFor(async () => expect((await alice.serverSees()).status).toBe('busy'));
  });
});
