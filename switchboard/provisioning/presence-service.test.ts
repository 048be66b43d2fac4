import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.ts';
import { setAgentPolicy } from './call-groups.ts';
import { formatDecision } from './route-decision.ts';
import type { PresenceEvent } from './presence-service.ts';
import { ProvisioningError } from './service.ts';
import { presenceFixture, type PresenceFixture } from './test-support/presence-fixture.ts';

describe('PresenceService', () => {
  let f: PresenceFixture;
  let tokens: Record<string, string>;
  let events: PresenceEvent[];

  beforeEach(async () => {
    f = presenceFixture();
    tokens = {};
    for (const extension of ['8001', '8002', '8003', '8010']) tokens[extension] = await f.signIn(extension);
    events = [];
    f.presence.subscribe(tokens['8010']!, (event) => events.push(event));
  });
  afterEach(() => f.close());

  const route = (from: string, to: string, call = 'call-1') => formatDecision(f.presence.route(call, from, to));
  const next = (member: string, outcome: Parameters<typeof f.presence.routeNext>[2], call = 'call-1') =>
    formatDecision(f.presence.routeNext(call, member, outcome));
  const status = (extension: string, s: string, reason?: string) =>
    f.presence.setStatus(tokens[extension]!, { status: s as never, ...(reason ? { reason } : {}) });
  /** Makes the members idle in this order (first = idle longest). */
  const idleInOrder = (...extensions: string[]) => {
    for (const extension of extensions) {
      status(extension, 'busy');
      f.clock.advanceSec(1);
      status(extension, 'available');
    }
  };

  it('shows who never signed in as Offline; signing in makes a person Available, and keeps a chosen status', async () => {
    const snapshot = f.presence.snapshot(tokens['8001']!);
    // 8011 never signed in: colleagues must not see them Available, and no hotline would ring them.
    expect(snapshot.people.find((p) => p.extension === '8011')).toMatchObject({ status: 'offline', idleSince: null });
    await f.signIn('8011');
    expect(events.at(-1)).toEqual({
      event: 'presence',
      data: expect.objectContaining({ extension: '8011', status: 'available', idleSince: f.clock.now() }),
    });
    status('8002', 'busy');
    f.clock.advanceSec(181); // a new code may be asked for after 180 s
    await f.signIn('8002');
    expect(f.presence.snapshot(tokens['8001']!).people.find((p) => p.extension === '8002')?.status).toBe('busy');
  });

  it('starts everyone who signed in available and shows the company, its policy and the hotline', () => {
    const snapshot = f.presence.snapshot(tokens['8001']!);
    expect(snapshot.me).toMatchObject({ extension: '8001', status: 'available', ringTarget: 'computer' });
    expect(snapshot.policy).toEqual({
      afterCallWorkSec: 30,
      ringTimeoutSec: 20,
      breakReasons: ['Lunch', 'Meeting', 'Training'],
      autoAnswer: 'user-choice',
      wrapUpCodes: [
        { code: 'inquiry', label: '咨询 Inquiry' },
        { code: 'complaint', label: '投诉 Complaint' },
        { code: 'after-sales', label: '售后 After-sales' },
        { code: 'other', label: '其他 Other' },
      ],
      wrapUpRequired: false,
      listeningHold: 'user-choice',
    });
    expect(snapshot.people.length).toBeGreaterThan(10);
    expect(snapshot.groups).toEqual([
      { number: '8200', name: '客服热线 Hotline', members: ['8001', '8002', '8003'], available: 3, ringTimeoutSec: 20 },
    ]);
  });

  it('refuses a break without a listed reason and not-responding from the app', () => {
    expect(() => status('8001', 'break')).toThrow(ProvisioningError);
    expect(() => status('8001', 'busy', 'not-responding')).toThrow(/switchboard only/);
    expect(status('8001', 'break', 'Lunch')).toMatchObject({ status: 'break', reason: 'Lunch' });
  });

  it('tells the company of every change, and the group count when availability flips', () => {
    status('8002', 'break', 'Meeting');
    expect(events).toEqual([
      { event: 'presence', data: expect.objectContaining({ extension: '8002', status: 'break', reason: 'Meeting' }) },
      { event: 'group', data: expect.objectContaining({ number: '8200', available: 2 }) },
    ]);
    events.length = 0;
    status('8002', 'busy');
    expect(events.map((e) => e.event)).toEqual(['presence']);
  });

  it('hunts the group longest idle first, skipping busy members, moving a ring-out to busy', () => {
    idleInOrder('8003', '8001', '8002');
    expect(route('outside', '8200')).toBe('ring 8003 8003 20 8200');
    expect(next('8003', 'timeout')).toBe('ring 8001 8001 20 8200');
    expect(f.presence.snapshot(tokens['8003']!).me).toMatchObject({ status: 'busy', reason: 'not-responding' });
    expect(events).toContainEqual({
      event: 'presence',
      data: expect.objectContaining({ extension: '8003', status: 'busy', reason: 'not-responding' }),
    });
    expect(next('8001', 'declined')).toBe('ring 8002 8002 20 8200');
    expect(f.presence.snapshot(tokens['8001']!).me.status).toBe('available');
    expect(next('8002', 'unavailable')).toBe('announce all-busy');
    // The hunt is over: a late report changes nothing.
    expect(next('8002', 'timeout')).toBe('done');
  });

  it('puts the member who answers on a call, and ends the hunt', () => {
    idleInOrder('8001', '8002', '8003');
    expect(route('outside', '8200')).toBe('ring 8001 8001 20 8200');
    expect(next('8001', 'answered')).toBe('done');
    expect(f.presence.snapshot(tokens['8001']!).me.status).toBe('on-call');
    expect(route('outside', '8200', 'call-2')).toBe('ring 8002 8002 20 8200');
    expect(next('8002', 'canceled', 'call-2')).toBe('done');
  });

  it('does not ring a member for two group calls at once, until the reservation expires', () => {
    idleInOrder('8001', '8002', '8003');
    expect(route('outside', '8200', 'a')).toBe('ring 8001 8001 20 8200');
    expect(route('outside', '8200', 'b')).toBe('ring 8002 8002 20 8200');
    f.clock.advanceSec(26);
    expect(route('outside', '8200', 'c')).toBe('ring 8001 8001 20 8200');
  });

  it('refuses calls from and to someone offline; rings busy people directly', () => {
    status('8002', 'offline');
    expect(route('8002', '8001')).toBe('reject 403 You are offline');
    expect(route('8001', '8002')).toBe('reject 480 Offline');
    status('8002', 'busy');
    expect(route('8001', '8002')).toBe('direct 20');
    expect(route('8001', '1001')).toBe('direct 120');
  });

  it('refuses calls beyond the caller’s call permission from the directory (通话权限), and no call inside', () => {
    // 8001 may call within China, 8002 (no permission set) only internally, 8003 (Anna, German mobile) anywhere.
    expect(route('8001', '+4915112345678')).toBe('reject 403 Call permission: national calls only');
    expect(route('8001', '13912345678')).toBe('direct 120');
    expect(route('8001', '+8613912345678')).toBe('direct 120');
    expect(route('8002', '13912345678')).toBe('reject 403 Call permission: internal calls only');
    expect(route('8002', '8003')).toBe('direct 20');
    expect(route('8002', '1003')).toBe('direct 120');
    expect(route('8002', '8200')).toMatch(/^ring /);
    expect(route('8003', '+8613912345678')).toBe('direct 120');
    // A caller who is not in the directory (a desk phone, the attendant) is not limited here.
    expect(route('1003', '+4915112345678')).toBe('direct 120');
  });

  it('rings a person in mobile mode on their mobile, and places callbacks only in mobile mode', () => {
    expect(() => f.presence.requestCallback(tokens['8001']!, '8002')).toThrow(
      expect.objectContaining({ code: 'not-in-mobile-mode', status: 409 }),
    );
    expect(f.presence.setRingTarget(tokens['8001']!, 'mobile')).toMatchObject({ ringTarget: 'mobile' });
    expect(route('8002', '8001')).toBe('forward 8613800138000 20');
    idleInOrder('8001', '8002', '8003');
    expect(route('outside', '8200', 'g')).toBe('ring 8001 8613800138000 20 8200');
    expect(f.presence.requestCallback(tokens['8001']!, '8003').callbackId).toMatch(/^[0-9a-f-]{36}$/);
    expect(f.callbacks.requests).toEqual([{ mobileDigits: '8613800138000', to: '8003', fromExtension: '8001' }]);
  });

  it('rings the desk phone or the typed number chosen at the station step, and places callbacks there', () => {
    // No desk phone for 8001 yet: the choice is refused, calls stay on the computer.
    expect(() => f.presence.setRingTarget(tokens['8001']!, 'desk')).toThrow(
      expect.objectContaining({ code: 'no-desk-phone', status: 409 }),
    );
    expect(f.presence.snapshot(tokens['8001']!).station).toEqual({ deskPhone: false, ringNumber: null });
    new AgentStore(f.db).setDeskPhone('8001', '1003');
    // Every colleague's snapshot lists the company's desk phones (the transfer picker's 话机 tab).
    expect(f.presence.snapshot(tokens['8002']!).deskPhones).toEqual([
      { sipUser: '1003', extension: '8001', name: expect.any(String) as string },
    ]);
    expect(f.presence.setRingTarget(tokens['8001']!, 'desk')).toMatchObject({ ringTarget: 'desk' });
    expect(route('8002', '8001')).toBe('forward 1003 20');
    idleInOrder('8001', '8002', '8003');
    expect(route('outside', '8200', 'g')).toBe('ring 8001 1003 20 8200');
    f.presence.requestCallback(tokens['8001']!, '8003');
    expect(f.callbacks.requests.at(-1)).toEqual({ mobileDigits: '1003', to: '8003', fromExtension: '8001' });

    f.clock.advanceSec(60);
    expect(f.presence.setRingTarget(tokens['8001']!, 'number', '+46701234567')).toMatchObject({ ringTarget: 'number' });
    expect(route('8002', '8001', 'call-2')).toBe('forward 46701234567 20');
    // The typed number stays for the next station step, also once calls ring the computer again.
    f.presence.setRingTarget(tokens['8001']!, 'computer');
    expect(route('8002', '8001', 'call-3')).toBe('direct 20');
    expect(f.presence.snapshot(tokens['8001']!).station).toEqual({ deskPhone: true, ringNumber: '+46701234567' });
    // Settings switch back to the number typed before; someone who never typed one must type it.
    expect(f.presence.setRingTarget(tokens['8001']!, 'number')).toMatchObject({ ringTarget: 'number' });
    expect(route('8002', '8001', 'call-5')).toBe('forward 46701234567 20');
    expect(() => f.presence.setRingTarget(tokens['8002']!, 'number')).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
    // Colleagues see where calls ring, never the number.
    expect(JSON.stringify(f.presence.snapshot(tokens['8002']!).people)).not.toContain('46701234567');
    // The administrator takes the desk phone away: calls that rang there come back to the computer.
    f.presence.setRingTarget(tokens['8001']!, 'desk');
    new AgentStore(f.db).setDeskPhone('8001', null);
    expect(route('8002', '8001', 'call-4')).toBe('direct 20');
  });

  it('ends after-call work by itself at the company deadline, without the app', () => {
    setAgentPolicy(f.db, f.companyId, { afterCallWorkSec: 10 });
    status('8001', 'on-call');
    const acw = status('8001', 'after-call-work');
    expect(acw).toMatchObject({ status: 'after-call-work', acwUntil: f.clock.now() + 10_000 });
    f.clock.advanceSec(9);
    f.presence.sweep();
    expect(f.presence.snapshot(tokens['8001']!).me.status).toBe('after-call-work');
    events.length = 0;
    f.clock.advanceSec(1);
    f.presence.sweep();
    expect(f.presence.snapshot(tokens['8001']!).me).toMatchObject({ status: 'available', idleSince: f.clock.now() });
    expect(events.map((e) => e.event)).toEqual(['presence', 'group']);
  });

  it('refuses "Ready now" without a wrap-up code when the company requires one, and takes it with one', () => {
    setAgentPolicy(f.db, f.companyId, { wrapUpRequired: true });
    status('8001', 'on-call');
    status('8001', 'after-call-work');
    expect(() => status('8001', 'available')).toThrow(ProvisioningError);
    expect(f.presence.snapshot(tokens['8001']!).me.status).toBe('after-call-work');
    expect(f.presence.setStatus(tokens['8001']!, { status: 'available', wrapUp: 'complaint' }).status).toBe(
      'available',
    );
  });

  it('runs the deadline check on its own timer once started, and stops with the service', async () => {
    status('8001', 'on-call');
    status('8001', 'after-call-work');
    f.presence.start();
    f.clock.advanceSec(30);
    await expect.poll(() => f.presence.snapshot(tokens['8001']!).me.status, { timeout: 2000 }).toBe('available');
    f.presence.stop();
    expect(f.presence.listenerCount()).toBe(0);
  });

  it('does not ring a member for their own call to the group', () => {
    idleInOrder('8001', '8002', '8003');
    expect(route('8001', '8200')).toBe('ring 8002 8002 20 8200');
  });

  it('takes a person who signs out offline and ends their streams; a new sign-in elsewhere only ends streams', async () => {
    let ended = 0;
    f.presence.subscribe(
      tokens['8002']!,
      () => {},
      () => ended++,
    );
    await f.service.signOut(tokens['8002']!, '127.0.0.1');
    expect(ended).toBe(1);
    expect(events).toContainEqual({
      event: 'presence',
      data: expect.objectContaining({ extension: '8002', status: 'offline' }),
    });
    expect(route('8001', '8002')).toBe('reject 480 Offline');

    f.presence.subscribe(
      tokens['8003']!,
      () => {},
      () => ended++,
    );
    f.clock.advanceSec(600);
    await f.signIn('8003');
    expect(ended).toBe(2);
    expect(f.presence.snapshot(tokens['8001']!).people.find((p) => p.extension === '8003')?.status).toBe('available');
  });

  it("refuses a person's changes past the burst with a wait, and the server's own changes still go through", () => {
    const seenBefore = events.length;
    for (let i = 0; i < 10; i += 1) status('8003', i % 2 === 0 ? 'busy' : 'available');
    let refusal: unknown;
    try {
      status('8003', 'busy');
    } catch (error) {
      refusal = error;
    }
    // 30 a minute after the burst: the next change is allowed in 2 s.
    expect(refusal).toMatchObject({ code: 'rate-limited', status: 429, retryAfterSec: 2 });
    expect(() => f.presence.setRingTarget(tokens['8003']!, 'mobile')).toThrow(
      expect.objectContaining({ code: 'rate-limited' }),
    );
    const told = events.slice(seenBefore).filter((e) => e.event === 'presence' && e.data.extension === '8003');
    expect(told).toHaveLength(10);
    // A ring-out is the server's: it is not the person's to be limited.
    status('8002', 'busy');
    expect(route('8001', '8200')).toMatch(/^ring 8003 /);
    next('8003', 'timeout');
    expect(f.presence.snapshot(tokens['8001']!).people.find((p) => p.extension === '8003')).toMatchObject({
      status: 'busy',
      reason: 'not-responding',
    });
    f.clock.advanceSec(2);
    expect(status('8003', 'available').status).toBe('available');
  });

  it('refuses unknown device tokens', () => {
    expect(() => f.presence.snapshot('x'.repeat(43))).toThrow(expect.objectContaining({ code: 'device-unknown' }));
  });
});
