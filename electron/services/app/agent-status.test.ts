/**
 * Working status and presence in the core (issue 10), against a loopback stand-in for the provisioning
 * service's presence API: what the switchboard is told, what the window shows, what is refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot, CallWrapUp } from '../../../src/shared/domain.ts';
import type { AgentPolicy, PresenceDelta } from '../../../src/shared/presence.ts';
import {
  FAKE_TOKEN,
  presence,
  startFakePresenceServer,
  type FakePresenceServer,
} from '../presence/fake-presence-server.ts';
import type { CallLogPort } from './ports.ts';
import { createTestCore, memoryCallLog } from './test-doubles.ts';

const hotline = { number: '8200', name: 'Hotline', members: ['2001', '2002'], available: 1, ringTimeoutSec: 20 };
const call = (phase: CallSnapshot['phase'], extra: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id: 'c1',
  direction: 'incoming',
  phase,
  remoteNumber: '13912345678',
  startedAt: 1000,
  ...extra,
});

let server: FakePresenceServer | null = null;
const cores: Array<{ shutdown(): Promise<void> }> = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.shutdown().catch(() => {});
  await server?.close();
  server = null;
});

async function signedIn(
  options: {
    meStatus?: 'offline' | 'available';
    clockSkewMs?: number;
    /** Signed in by e-mail and password, with this station at the service. */
    email?: { station: { deskPhone: boolean; ringNumber: string | null } };
    policy?: Partial<AgentPolicy>;
    callLog?: CallLogPort;
  } = {},
) {
  server = await startFakePresenceServer({
    meStatus: options.meStatus ?? 'available',
    ...(options.email ? { station: options.email.station } : {}),
    ...(options.clockSkewMs ? { clockSkewMs: options.clockSkewMs } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    people: [presence('2002', { status: 'busy' })],
    groups: [hotline],
  });
  const test = createTestCore({ presenceRetryMs: 20, ...(options.callLog ? { callLog: options.callLog } : {}) });
  cores.push(test.core);
  const ui = test.ui;
  const engine = test.engine;
  // Refusals come in the UI's language; these tests read the English words.
  await ui('setLanguage', { preference: 'en' });
  await test.core.session.signIn({
    server: 'ws://127.0.0.1:5066',
    user: '2001',
    password: 'x',
    provisioned: {
      serviceUrl: server.url,
      deviceId: 'd1',
      token: FAKE_TOKEN,
      companyId: 1,
      mobile: options.email ? '' : '+8613800138000',
      ...(options.email ? { email: 'wang.xm@harbor.example' } : {}),
    },
  });
  await engine('registration', { status: 'registered' });
  await vi.waitFor(() => expect(test.core.state.get().agent?.availability).toBe('live'));
  const statusRequests = () => server!.requests.filter((r) => r.path === '/v1/status').map((r) => r.body);
  const deltas = () => test.broadcasts.filter((b) => b.event === 'presence').map((b) => b.payload as PresenceDelta);
  return { test, ui, engine, server: server!, statusRequests, deltas, agent: () => test.core.state.get().agent! };
}

describe('working status in the core', () => {
  it('after sign-in the switchboard hears the chosen status (Available), and colleagues can be looked up', async () => {
    const { ui, statusRequests, agent } = await signedIn({ meStatus: 'offline' });
    await vi.waitFor(() => expect(statusRequests()).toEqual([{ status: 'available' }]));
    expect(agent()).toMatchObject({ status: 'available', policy: { afterCallWorkSec: 30 } });
    expect(await ui('getPresence', { extensions: ['2002', '9999'] })).toMatchObject({
      ok: true,
      value: [{ extension: '2002', status: 'busy' }],
    });
    expect(await ui('listPresenceGroups', {})).toEqual({ ok: true, value: [hotline] });
  });

  it('a colleague changing status reaches the window as a small delta, not in the app state', async () => {
    const { server, deltas, ui, test } = await signedIn();
    // The snapshot itself goes out as a reset: windows ask again for what they show.
    await vi.waitFor(() => expect(deltas()).toEqual([{ reset: true, people: [], groups: [] }]));
    server.push(presence('2002', { status: 'break', reason: 'Lunch' }));
    server.pushGroup({ ...hotline, available: 2 });
    await vi.waitFor(() =>
      expect(deltas()).toContainEqual({
        reset: false,
        people: [expect.objectContaining({ extension: '2002', status: 'break' })],
        groups: [{ ...hotline, available: 2 }],
      }),
    );
    expect(JSON.stringify(test.core.state.get())).not.toContain('"2002"');
    expect(await ui('getPresence', { extensions: ['2002'] })).toMatchObject({ value: [{ reason: 'Lunch' }] });
  });

  it('a call sets "on a call"; its end starts after-call work, which refuses Log out until "Ready now"', async () => {
    const { engine, ui, statusRequests, agent } = await signedIn();
    await engine('call', call('incoming'));
    await engine('call', call('connected', { answeredAt: 2000 }));
    expect(agent().status).toBe('on-call');
    expect(await ui('signOut', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('call') } });
    await engine('call', call('ended', { answeredAt: 2000, endedAt: 3000, outcome: 'answered' }));
    expect(agent().status).toBe('after-call-work');
    await vi.waitFor(() => expect(agent().acwUntil).not.toBeNull());
    const refused = await ui('signOut', {});
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('after-call work') } });
    const before = agent().acwUntil!;
    expect(await ui('agentMoreTime', {})).toEqual({ ok: true, value: undefined });
    expect(agent().acwUntil!).toBeGreaterThan(before);
    expect(await ui('agentReadyNow', {})).toEqual({ ok: true, value: undefined });
    expect(agent().status).toBe('available');
    expect(statusRequests()).toEqual([
      { status: 'on-call' },
      { status: 'after-call-work' },
      { status: 'after-call-work' },
      { status: 'available' },
    ]);
  });

  describe('wrap-up codes', () => {
    const wrapUpCodes = [
      { code: 'inquiry', label: '咨询 Inquiry' },
      { code: 'complaint', label: '投诉 Complaint' },
    ];
    const withWrapUps = async (wrapUpRequired: boolean) => {
      const wrapUps: Array<{ callIds: readonly string[]; wrapUp: CallWrapUp }> = [];
      const callLog: CallLogPort = {
        ...memoryCallLog([]),
        setWrapUp: (callIds, wrapUp) => {
          wrapUps.push({ callIds, wrapUp });
          return callIds.length;
        },
      };
      const signed = await signedIn({ policy: { wrapUpCodes, wrapUpRequired }, callLog });
      await signed.engine('call', call('connected', { answeredAt: 2000 }));
      await signed.engine('call', call('ended', { answeredAt: 2000, endedAt: 3000, outcome: 'answered' }));
      await vi.waitFor(() => expect(signed.statusRequests()).toContainEqual({ status: 'after-call-work' }));
      // The switchboard's answer (its deadline) has come back before the test goes on.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(signed.agent().acwUntil).not.toBeNull();
      return { ...signed, wrapUps };
    };

    it('when the company requires a code, "Ready now" is refused until one is picked; code and note go with the call', async () => {
      const { ui, agent, wrapUps, statusRequests } = await withWrapUps(true);
      expect(await ui('agentReadyNow', {})).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('wrap-up code') },
      });
      expect(agent().status).toBe('after-call-work');
      expect(await ui('agentWrapUp', { code: 'complaint', note: '  Wants a refund  ' })).toEqual({
        ok: true,
        value: undefined,
      });
      expect(agent().wrapUp).toBe('complaint');
      expect(wrapUps).toEqual([
        { callIds: ['c1'], wrapUp: { code: 'complaint', label: '投诉 Complaint', note: 'Wants a refund' } },
      ]);
      expect(await ui('agentReadyNow', {})).toEqual({ ok: true, value: undefined });
      expect(agent().status).toBe('available');
      expect(statusRequests().at(-1)).toEqual({ status: 'available', wrapUp: 'complaint' });
      expect(wrapUps).toHaveLength(1);
    });

    it('a code not on the list is refused in words', async () => {
      const { ui } = await withWrapUps(false);
      expect(await ui('agentWrapUp', { code: 'sales', note: '' })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('not on the company list') },
      });
    });

    it('when the countdown ends without a required code, the call keeps no code and is marked as missing one', async () => {
      const { server, agent, wrapUps } = await withWrapUps(true);
      // The switchboard's own timer ends after-call work; nothing holds it up.
      server.push(presence('2001', { status: 'available' }));
      await vi.waitFor(() => expect(agent().status).toBe('available'));
      expect(wrapUps).toEqual([{ callIds: ['c1'], wrapUp: { missing: true } }]);
    });

    it('without the requirement "Ready now" goes at once and nothing is recorded as missing', async () => {
      const { ui, agent, wrapUps } = await withWrapUps(false);
      expect(await ui('agentReadyNow', {})).toEqual({ ok: true, value: undefined });
      expect(agent().status).toBe('available');
      expect(wrapUps).toEqual([]);
    });
  });

  it("the countdown follows the service's deadline in this computer's time, even when the clocks differ", async () => {
    const { engine, agent } = await signedIn({ clockSkewMs: 120_000 });
    await engine('call', call('connected'));
    const ended = Date.now();
    await engine('call', call('ended', { outcome: 'answered' }));
    await vi.waitFor(() => expect(agent().acwUntil).not.toBeNull());
    // The service's deadline arrived (two minutes ahead on its clock) and was moved into ours.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Math.abs(agent().acwUntil! - (ended + 30_000))).toBeLessThan(1000);
  });

  it('a Busy person goes back to Busy after a call, with no after-call work', async () => {
    const { engine, ui, statusRequests, agent } = await signedIn();
    await ui('setAgentStatus', { status: 'busy' });
    await engine('call', call('connected'));
    await engine('call', call('ended', { outcome: 'answered' }));
    expect(agent().status).toBe('busy');
    await vi.waitFor(() =>
      expect(statusRequests()).toEqual([{ status: 'busy' }, { status: 'on-call' }, { status: 'busy' }]),
    );
  });

  it('a break needs a company reason; Offline refuses dialing with a reason the UI words', async () => {
    const { ui, agent, test } = await signedIn();
    expect(await ui('setAgentStatus', { status: 'break', reason: 'Nap' })).toMatchObject({
      ok: false,
      error: { message: 'That break reason is not on the company list.' },
    });
    expect(await ui('setAgentStatus', { status: 'break', reason: 'Lunch' })).toMatchObject({ ok: true });
    expect(agent()).toMatchObject({ status: 'break', reason: 'Lunch' });
    await ui('setAgentStatus', { status: 'offline' });
    expect(await ui('dial', { target: '2002' })).toEqual({ ok: true, value: { kind: 'refused', reason: 'offline' } });
    expect(test.commands.some((c) => c.command === 'dial')).toBe(false);
  });

  it('a ring-out Busy from the switchboard shows the notice until dismissed', async () => {
    const { server, ui, agent } = await signedIn();
    server.push(presence('2001', { status: 'busy', reason: 'not-responding' }));
    await vi.waitFor(() => expect(agent()).toMatchObject({ status: 'busy', notice: 'not-responding' }));
    await ui('dismissAgentNotice', {});
    expect(agent().notice).toBeNull();
  });

  it('an incoming group call carries the group name; auto-answer (user choice) asks the engine to answer', async () => {
    const { engine, ui, test } = await signedIn();
    await ui('setAutoAnswer', { enabled: true });
    await engine('call', call('incoming', { group: '8200', ringTimeoutSec: 20 }));
    expect(test.core.state.get().calls[0]).toMatchObject({ groupName: 'Hotline', ringTimeoutSec: 20 });
    expect(test.commands).toContainEqual({ command: 'autoAnswer', payload: { callId: 'c1' } });
  });

  it('mobile mode: dialing asks the switchboard for a callback to the number, without the digits after it', async () => {
    const { ui, server, agent, test } = await signedIn();
    await ui('setRingTarget', { ringTarget: 'mobile' });
    expect(agent().ringTarget).toBe('mobile');
    expect(await ui('dial', { target: '2002,,35' })).toEqual({ ok: true, value: { kind: 'callback', to: '2002' } });
    expect(agent().callback).toMatchObject({ to: '2002' });
    expect(server.requests.filter((r) => r.path === '/v1/callback').at(-1)?.body).toEqual({ to: '2002' });
    expect(test.commands.some((c) => c.command === 'dial')).toBe(false);
  });

  it("after an e-mail sign-in Settings offers the station's choices, and dialing rings the chosen phone first", async () => {
    const { ui, agent, server } = await signedIn({
      email: { station: { deskPhone: true, ringNumber: '+46701234567' } },
    });
    expect(agent()).toMatchObject({ ringTargets: ['computer', 'desk', 'number'], ringNumber: '+46701234567' });
    await ui('setRingTarget', { ringTarget: 'number' });
    expect(server.requests.filter((r) => r.path === '/v1/ring-target').at(-1)?.body).toEqual({ ringTarget: 'number' });
    expect(agent().ringTarget).toBe('number');
    expect(await ui('dial', { target: '2002' })).toEqual({ ok: true, value: { kind: 'callback', to: '2002' } });
  });

  it('after a number sign-in Settings offers the computer and the mobile, as before', async () => {
    const { agent } = await signedIn();
    expect(agent()).toMatchObject({ ringTargets: ['computer', 'mobile'], ringNumber: null });
  });

  it('Quit tells the switchboard we are Offline', async () => {
    const { test, statusRequests } = await signedIn();
    await test.core.shutdown();
    expect(statusRequests().at(-1)).toEqual({ status: 'offline' });
  });

  it('after a reconnect the fresh snapshot is taken', async () => {
    const { server, ui } = await signedIn();
    server.dropStreams();
    server.push(presence('2002', { status: 'offline' }));
    await vi.waitFor(() => expect(server.connections()).toBe(2));
    await vi.waitFor(async () =>
      expect(await ui('getPresence', { extensions: ['2002'] })).toMatchObject({ value: [{ status: 'offline' }] }),
    );
  });

  it('a manual SIP account has no status: the window says it needs a number sign-in', async () => {
    const test = createTestCore();
    cores.push(test.core);
    await test.ui('setLanguage', { preference: 'en' });
    await test.core.session.signIn({ server: 'ws://127.0.0.1:5066', user: '1001', password: 'x' });
    await test.core.session.onRegistration({ status: 'registered' });
    expect(test.core.state.get().agent?.availability).toBe('needs-number-sign-in');
    const ui = test.ui;
    expect(await ui('setRingTarget', { ringTarget: 'mobile' })).toMatchObject({
      ok: false,
      error: { message: 'Status needs sign-in by mobile number.' },
    });
    // Dialing works as before; a saved auto-answer choice does not apply here.
    expect(await ui('dial', { target: '1002' })).toMatchObject({ ok: true });
    await ui('setAutoAnswer', { enabled: true });
    await test.core.calls.onEngineCall({
      id: 'c9',
      direction: 'incoming',
      phase: 'incoming',
      remoteNumber: '1003',
      startedAt: 1,
    });
    expect(test.commands.some((c) => c.command === 'autoAnswer')).toBe(false);
  });
});
