import { testProvisioningService } from './test-support/test-service.ts';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallbackDesk } from './callback-desk.ts';
import { callbackRoutes } from './callback-http.ts';
import type { CallbackPlacer, CallbackRequest } from './callback-placer.ts';
import { CallbackQueue } from './callback-queue.ts';
import { openProvisioningDb, type ProvisioningDb } from './db.ts';
import { demoPeople, seedDemoData } from './demo-data.ts';
import { addPerson, createCompany } from './directory.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import { presenceRoutes } from './presence-http.ts';
import { PresenceService } from './presence-service.ts';
import { ManualClock } from './test-support/manual-clock.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

/** A callback line that takes its time: each callback is under way until the test lets it through. */
class SlowLine implements CallbackPlacer {
  readonly placed: CallbackRequest[] = [];
  private readonly waiting: (() => void)[] = [];
  hold = false;
  placeCallback(request: CallbackRequest): Promise<void> {
    this.placed.push(request);
    if (!this.hold) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  /** Ends the callback under way; the queue then hands the line its next one. */
  async finishOne(): Promise<void> {
    this.waiting.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// Hostile: a signed-in app (or a script with its device token) asking the switchboard to place calls.
describe('callbacks against a hostile client', () => {
  let db: ProvisioningDb;
  let clock: ManualClock;
  let line: SlowLine;
  let presence: PresenceService;
  let server: Server;
  let url: string;
  let companyId: number;
  let signIn: (mobile: string, company?: number, app?: 'desktop' | 'mobile') => Promise<string>;

  beforeEach(async () => {
    db = openProvisioningDb(':memory:');
    clock = new ManualClock();
    companyId = seedDemoData(db, clock.now());
    const caller = new RecordingCodeCaller();
    const service = testProvisioningService(db, { clock, caller }).service;
    line = new SlowLine();
    // Wired as start.ts wires it.
    const queue = new CallbackQueue({
      placer: line,
      companyOf: ({ fromExtension }) =>
        db.prepare(`SELECT company_id FROM people WHERE extension = ?`).pluck().get(fromExtension) as number,
    });
    presence = new PresenceService({ db, clock, devices: service, callbacks: queue });
    const desk = new CallbackDesk({ db, clock, devices: service, presence, queue });
    server = createProvisioningServer({
      service,
      routes: { ...presenceRoutes({ presence }), ...callbackRoutes({ desk }) },
    });
    url = await listen(server);
    signIn = async (mobile, company = companyId, app = 'desktop') => {
      clock.advanceSec(180);
      await service.requestCode({ mobile, companyId: company, language: 'en', app }, `198.51.100.${company}`);
      const code = caller.lastCode(mobile);
      const signedIn = await service.verify({ mobile, companyId: company, code, app }, `198.51.100.${company}`);
      const token = signedIn.device.token;
      await call('PUT', '/v1/ring-target', token, { ringTarget: 'mobile' });
      return token;
    };
  });
  afterEach(async () => {
    await close(server);
    presence.stop();
    db.close();
  });

  const call = async (method: string, path: string, token: string, body: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };
  const callback = (token: string, to: string) => call('POST', '/v1/callback', token, { to });
  const mobileOf = (extension: string) => demoPeople.find((person) => person.extension === extension)!.mobile;

  it('a person gets 30 callbacks an hour, across their desktop and mobile apps; then 429 and nothing placed', async () => {
    const desktop = await signIn(mobileOf('8002'));
    const mobileApp = await signIn(mobileOf('8002'), companyId, 'mobile');
    const answers = [];
    for (let i = 0; i < 34; i++) answers.push(await callback(i % 2 ? desktop : mobileApp, '8001'));
    expect(answers.slice(0, 30).every((answer) => answer.status === 202)).toBe(true);
    expect(answers[30]).toMatchObject({
      status: 429,
      type: 'application/problem+json; charset=utf-8',
      retryAfter: '3600',
      body: { code: 'rate-limited', retryAfterSec: 3600 },
    });
    expect(answers.slice(30).every((answer) => answer.status === 429)).toBe(true);
    expect(line.placed).toHaveLength(30);
    // The window slides: an hour after the first, one more.
    clock.advanceSec(3600);
    expect((await callback(desktop, '8001')).status).toBe(202);
  });

  it('enforces the call permission: internal reaches extensions and groups only, national not abroad', async () => {
    const internal = await signIn(mobileOf('8002'));
    const national = await signIn(mobileOf('8001'));
    const international = await signIn(mobileOf('8003'));
    expect((await callback(internal, '8001')).status).toBe(202);
    expect((await callback(internal, '8200')).status).toBe(202);
    for (const outside of ['13912345678', '+8613912345678', '+4930123456', '0049301234567']) {
      const refused = await callback(internal, outside);
      expect(refused).toMatchObject({ status: 403, body: { code: 'call-not-permitted' } });
      expect(String(refused.body['title'])).toContain('internal calls only');
    }
    expect((await callback(national, '13912345678')).status).toBe(202);
    expect((await callback(national, '+8613912345678')).status).toBe(202);
    expect(await callback(national, '+4930123456')).toMatchObject({
      status: 403,
      body: { code: 'call-not-permitted', title: expect.stringContaining('within your country') },
    });
    expect((await callback(international, '+8613912345678')).status).toBe(202);
    expect(line.placed.map((request) => request.to)).toEqual([
      '8001',
      '8200',
      '13912345678',
      '8613912345678',
      '8613912345678',
    ]);
  });

  it("one company's flood fills only its own queue: a clear 503, and another company's callback goes next", async () => {
    const rival = createCompany(db, 'Flood Co', clock.now());
    addPerson(db, rival, { name: 'Flooder', mobile: '+8613300000077', extension: '9077', callPermission: 'national' });
    const flooder = await signIn('+8613300000077', rival);
    const neighbour = await signIn(mobileOf('8002'));
    line.hold = true;
    const flood = [];
    for (let i = 0; i < 12; i++) flood.push(await callback(flooder, '9077'));
    // One under way and four waiting: the company's five; the rest refused, not kept.
    expect(flood.slice(0, 5).every((answer) => answer.status === 202)).toBe(true);
    expect(flood[5]).toMatchObject({
      status: 503,
      type: 'application/problem+json; charset=utf-8',
      retryAfter: '60',
      body: { code: 'callback-queue-full', title: expect.stringContaining('5 callbacks waiting') },
    });
    expect(flood.slice(5).every((answer) => answer.body['code'] === 'callback-queue-full')).toBe(true);
    expect(line.placed).toHaveLength(1);

    expect((await callback(neighbour, '8001')).status).toBe(202);
    await line.finishOne();
    // The neighbour's callback is next, ahead of the flood's four waiting ones.
    expect(line.placed.map((request) => request.fromExtension)).toEqual(['9077', '8002']);
    for (let i = 0; i < 5; i++) await line.finishOne();
    expect(line.placed.map((request) => request.fromExtension)).toEqual([
      '9077',
      '8002',
      '9077',
      '9077',
      '9077',
      '9077',
    ]);
    // Drained: the company may ask again.
    expect((await callback(flooder, '9077')).status).toBe(202);
  });

  it('a refused callback leaves no trace in the rate count; mobile mode and Offline are still checked', async () => {
    const token = await signIn(mobileOf('8002'));
    await call('PUT', '/v1/ring-target', token, { ringTarget: 'computer' });
    expect((await callback(token, '8001')).body['code']).toBe('not-in-mobile-mode');
    expect(db.prepare('SELECT count(*) FROM callback_requests').pluck().get()).toBe(0);
    expect((await callback('x'.repeat(43), '8001')).status).toBe(401);
  });
});
