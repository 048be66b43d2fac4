import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from './db.ts';
import { demoMobile, seedDemoData } from './demo-data.ts';
import { addPerson, createCompany } from './directory.ts';
import { ProvisioningError, ProvisioningService, type SignInLimits } from './service.ts';
import { ManualClock } from './test-support/manual-clock.ts';
import { MemorySipAccounts } from './test-support/memory-sip-accounts.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

const ip = '203.0.113.7';

async function problem(promise: Promise<unknown> | (() => unknown)): Promise<ProvisioningError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof ProvisioningError) return error;
    throw error;
  }
  throw new Error('expected a ProvisioningError');
}

describe('ProvisioningService', () => {
  let db: ProvisioningDb;
  let clock: ManualClock;
  let caller: RecordingCodeCaller;
  let accounts: MemorySipAccounts;
  let service: ProvisioningService;
  let companyId: number;

  const make = (limits: Partial<SignInLimits> = {}) =>
    new ProvisioningService({
      db,
      clock,
      caller,
      accounts,
      sip: { domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:5066' },
      codePepper: randomBytes(32),
      limits,
    });

  beforeEach(() => {
    db = openProvisioningDb(':memory:');
    clock = new ManualClock();
    caller = new RecordingCodeCaller();
    accounts = new MemorySipAccounts();
    companyId = seedDemoData(db, clock.now());
    service = make();
  });
  afterEach(() => db.close());

  const requestCode = (mobile = demoMobile, address = ip) =>
    service.requestCode({ mobile, companyId, language: 'zh-CN' }, address);
  const verify = (code: string, mobile = demoMobile, address = ip) =>
    service.verify({ mobile, companyId, code, deviceName: 'PC' }, address);
  const wrongCode = (mobile = demoMobile) => (caller.lastCode(mobile) === '0000' ? '0001' : '0000');

  it('returns the companies of a number, in any common notation', () => {
    expect(service.lookup('+86 138 0013 8000', ip)).toEqual({
      mobile: demoMobile,
      companies: [{ id: companyId, name: '示例科技 Demo Tech' }],
    });
  });

  it('lists every company that registered the number', () => {
    const other = createCompany(db, 'Another Co', clock.now());
    addPerson(db, other, { name: 'Wang at Another', mobile: demoMobile, extension: '9001' });
    expect(service.lookup(demoMobile, ip).companies.map((c) => c.name)).toEqual(['Another Co', '示例科技 Demo Tech']);
  });

  it('says when no company has registered the number, and when the input is not a number', async () => {
    const unknown = await problem(() => service.lookup('+8613000000000', ip));
    expect(unknown).toMatchObject({ code: 'number-not-registered', status: 404 });
    expect(unknown.message).toBe('No company has registered this number');
    expect(await problem(() => service.lookup('hello', ip))).toMatchObject({ code: 'invalid-number', status: 400 });
    // The code request does not say (sign-in-enumeration.test.ts): it answers as for anyone, and phones nobody.
    await requestCode('+8613000000000');
    expect(caller.calls).toEqual([]);
  });

  it('phones a 4-digit code and signs in with it, handing out SIP credentials', async () => {
    expect(await requestCode()).toEqual({ expiresInSec: 300, resendAfterSec: 180, triesAllowed: 5 });
    expect(caller.calls).toHaveLength(1);
    expect(caller.calls[0]).toMatchObject({ mobile: demoMobile, language: 'zh-CN' });
    expect(caller.calls[0]!.code).toMatch(/^\d{4}$/);

    const result = await verify(caller.lastCode(demoMobile));
    expect(result.sip).toMatchObject({ username: '8001', domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:5066' });
    expect(result.sip.password.length).toBeGreaterThanOrEqual(32);
    expect(result.person).toMatchObject({
      name: '王小明 Wang Xiaoming',
      extension: '8001',
      department: '销售部 Sales',
      callPermission: 'national',
      company: { id: companyId, name: '示例科技 Demo Tech' },
    });
    expect(result.replacedDeviceIds).toEqual([]);
    expect(accounts.accounts.get('8001')).toBe(result.sip.password);
    // A code works once.
    expect(await problem(verify(caller.lastCode(demoMobile)))).toMatchObject({ code: 'code-not-requested' });
  });

  it('stores codes only as HMACs, never the digits', async () => {
    await requestCode();
    const code = caller.lastCode(demoMobile);
    const row = db.prepare('SELECT * FROM codes').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(`"${code}"`);
    expect((row['code_hash'] as Buffer).length).toBe(32);
  });

  it('asks for a code first', async () => {
    expect(await problem(verify('1234'))).toMatchObject({ code: 'code-not-requested', status: 409 });
  });

  it('unlocks "call me again" only after 180 s', async () => {
    await requestCode();
    clock.advanceSec(60);
    expect(await problem(requestCode())).toMatchObject({ code: 'resend-too-early', retryAfterSec: 120 });
    clock.advanceSec(119.5);
    expect(await problem(requestCode())).toMatchObject({ code: 'resend-too-early', retryAfterSec: 1 });
    clock.advanceSec(0.5);
    await requestCode();
    expect(caller.calls).toHaveLength(2);
    // The newer code replaces the older one.
    const [first, second] = caller.calls;
    if (first!.code !== second!.code) {
      expect(await problem(verify(first!.code))).toMatchObject({ code: 'code-wrong' });
    }
    await verify(second!.code);
  });

  it('counts down the tries left on a wrong code', async () => {
    await requestCode();
    const wrong = wrongCode();
    for (const triesLeft of [4, 3, 2, 1]) {
      const error = await problem(verify(wrong));
      expect(error).toMatchObject({ code: 'code-wrong', status: 401, triesLeft });
      expect(error.message).toContain(`${triesLeft} tries left`);
    }
    // The right code still works on the last try.
    await verify(caller.lastCode(demoMobile));
  });

  it('refuses a malformed code as a wrong try', async () => {
    await requestCode();
    expect(await problem(verify('12'))).toMatchObject({ code: 'code-wrong', triesLeft: 4 });
  });

  it('expires a code after 5 minutes', async () => {
    await requestCode();
    clock.advanceSec(299);
    const code = caller.lastCode(demoMobile);
    expect(await problem(verify(wrongCode()))).toMatchObject({ code: 'code-wrong' });
    clock.advanceSec(1);
    expect(await problem(verify(code))).toMatchObject({ code: 'code-expired', status: 410 });
    // A new call is allowed (180 s have passed) and its code works.
    await requestCode();
    await verify(caller.lastCode(demoMobile));
  });

  it('locks the number after 5 wrong tries, then lets it in again after the wait', async () => {
    await requestCode();
    const right = caller.lastCode(demoMobile);
    for (let i = 0; i < 4; i++) await problem(verify(wrongCode()));
    const locked = await problem(verify(wrongCode()));
    expect(locked).toMatchObject({ code: 'too-many-tries', status: 429, retryAfterSec: 900 });

    // Even the right code, and a new call, are refused while locked; the wait counts down.
    clock.advanceSec(300);
    expect(await problem(verify(right))).toMatchObject({ code: 'too-many-tries', retryAfterSec: 600 });
    expect(await problem(requestCode())).toMatchObject({ code: 'too-many-tries', retryAfterSec: 600 });

    clock.advanceSec(600);
    // The burnt code stays dead after the lockout.
    expect(await problem(verify(right))).toMatchObject({ code: 'code-not-requested' });
    await requestCode();
    await verify(caller.lastCode(demoMobile));
  });

  it('lets an administrator reset a lockout', async () => {
    await requestCode();
    for (let i = 0; i < 5; i++) await problem(verify(wrongCode()));
    service.resetLockout('+86 138 0013 8000');
    await requestCode();
    await verify(caller.lastCode(demoMobile));
  });

  it('rate-limits code calls per number (hour and day)', async () => {
    for (let i = 0; i < 5; i++) {
      await requestCode();
      clock.advanceSec(180);
    }
    // 5 calls at t = 0, 180, …, 720 s; now t = 900 s: the first leaves the hour window at 3600 s.
    expect(await problem(requestCode())).toMatchObject({ code: 'rate-limited', status: 429, retryAfterSec: 2700 });
    clock.advanceSec(2700);
    for (let i = 0; i < 5; i++) {
      await requestCode();
      clock.advanceSec(720);
    }
    // 10 calls within a day.
    const daily = await problem(requestCode());
    expect(daily).toMatchObject({ code: 'rate-limited' });
    expect(daily.retryAfterSec).toBeGreaterThan(3600);
    expect(daily.message).toContain('this number');
  });

  it('rate-limits code calls per client address across numbers', async () => {
    service = make({ codeCallsPerAddressPerHour: 3 });
    for (const mobile of ['+8613800138000', '+8613900139000', '+4915112345678']) await requestCode(mobile);
    const error = await problem(requestCode('+8613700137000'));
    expect(error).toMatchObject({ code: 'rate-limited', retryAfterSec: 3600 });
    expect(error.message).toContain('network address');
    // Another address is not affected.
    await requestCode('+8613700137000', '198.51.100.1');
  });

  it('rate-limits wrong codes per client address across numbers', async () => {
    service = make({ wrongCodesPerAddressPerHour: 4 });
    await requestCode('+8613800138000');
    await requestCode('+8613900139000');
    for (let i = 0; i < 2; i++) await problem(verify(wrongCode('+8613800138000'), '+8613800138000'));
    for (let i = 0; i < 2; i++) await problem(verify(wrongCode('+8613900139000'), '+8613900139000'));
    expect(await problem(verify(caller.lastCode('+8613900139000'), '+8613900139000'))).toMatchObject({
      code: 'rate-limited',
      retryAfterSec: 3600,
    });
  });

  it('caps wrong codes per number per day, whatever the client address', async () => {
    for (let round = 0; round < 2; round++) {
      await requestCode(demoMobile, `192.0.2.${round}`);
      for (let i = 0; i < 5; i++) await problem(verify(wrongCode(), demoMobile, `192.0.2.${round}`));
      clock.advanceSec(900);
    }
    await requestCode(demoMobile, '192.0.2.9');
    const capped = await problem(verify(caller.lastCode(demoMobile), demoMobile, '192.0.2.9'));
    expect(capped).toMatchObject({ code: 'rate-limited' });
    expect(capped.retryAfterSec).toBeGreaterThan(20 * 3600);
    clock.advanceSec(capped.retryAfterSec!);
    await verify(caller.lastCode(demoMobile), demoMobile, '192.0.2.9').catch((error: unknown) => {
      // The code itself expired meanwhile; what matters is that the cap has lifted.
      expect(error).toMatchObject({ code: 'code-expired' });
    });
  });

  it('forgets rate-limit entries older than a day', async () => {
    await requestCode();
    clock.advanceSec(24 * 3600);
    service.lookup(demoMobile, ip);
    expect(db.prepare('SELECT kind FROM attempts').pluck().all()).toEqual(['lookup']);
  });

  it('rate-limits number lookups per client address', async () => {
    service = make({ lookupsPerAddressPerHour: 2 });
    service.lookup(demoMobile, ip);
    await problem(() => service.lookup('+8613000000000', ip));
    expect(await problem(() => service.lookup(demoMobile, ip))).toMatchObject({ code: 'rate-limited' });
  });

  it('reports a code call that could not be placed and allows an immediate retry', async () => {
    caller.failNext = new Error('busy');
    expect(await problem(requestCode())).toMatchObject({ code: 'code-call-failed', status: 502 });
    await requestCode();
    await verify(caller.lastCode(demoMobile));
  });

  describe('one desktop device per account', () => {
    const signIn = async (address = ip) => {
      clock.advanceSec(180);
      await requestCode(demoMobile, address);
      return verify(caller.lastCode(demoMobile), demoMobile, address);
    };

    it('signing in on a second PC revokes the first and re-keys the SIP account', async () => {
      const first = await signIn('192.0.2.1');
      const second = await signIn('192.0.2.2');
      expect(second.replacedDeviceIds).toEqual([first.device.id]);
      expect(second.sip.username).toBe(first.sip.username);
      expect(second.sip.password).not.toBe(first.sip.password);
      expect(accounts.accounts.get('8001')).toBe(second.sip.password);
      expect(accounts.unregistered).toEqual(['8001']);
      const devices = service.listDevices({ includeRevoked: true });
      expect(devices.map((d) => [d.id, d.revokedReason])).toEqual([
        [first.device.id, 'replaced'],
        [second.device.id, null],
      ]);
      expect(service.listDevices().map((d) => d.id)).toEqual([second.device.id]);
      // The first PC's token no longer signs anything out.
      expect(await problem(service.signOut(first.device.token, ip))).toMatchObject({ code: 'device-unknown' });
    });

    it('an administrator force sign-out removes the SIP account', async () => {
      const device = await signIn();
      expect(await service.forceSignOut(device.device.id)).toBe(true);
      expect(accounts.accounts.has('8001')).toBe(false);
      expect(accounts.unregistered).toEqual(['8001']);
      expect(service.listDevices()).toEqual([]);
      expect(await service.forceSignOut(device.device.id)).toBe(false);
    });

    it('the app signs itself out with its device token', async () => {
      const device = await signIn();
      await service.signOut(device.device.token, ip);
      expect(accounts.accounts.has('8001')).toBe(false);
      expect(service.listDevices({ includeRevoked: true })[0]).toMatchObject({ revokedReason: 'signed-out' });
    });

    it('tells a revoked device why: signed in on another computer, or by the administrator', async () => {
      const first = await signIn('192.0.2.1');
      expect(service.deviceStatus(first.device.token)).toEqual({ deviceId: first.device.id, active: true });
      const second = await signIn('192.0.2.2');
      expect(service.deviceStatus(first.device.token)).toEqual({
        deviceId: first.device.id,
        active: false,
        revokedReason: 'replaced',
      });
      await service.forceSignOut(second.device.id);
      expect(service.deviceStatus(second.device.token)).toMatchObject({ active: false, revokedReason: 'admin' });
      const third = await signIn();
      await service.signOut(third.device.token, ip);
      expect(service.deviceStatus(third.device.token)).toMatchObject({ active: false, revokedReason: 'signed-out' });
      expect(await problem(() => service.deviceStatus('not-a-token-of-any-device'))).toMatchObject({
        code: 'device-unknown',
        status: 401,
      });
    });

    it('keeps the old device when the switchboard refuses the new account', async () => {
      const first = await signIn();
      accounts.put = () => {
        throw new Error('database is locked');
      };
      clock.advanceSec(180);
      await requestCode();
      await expect(verify(caller.lastCode(demoMobile))).rejects.toThrow(/locked/);
      expect(service.listDevices().map((d) => d.id)).toEqual([first.device.id]);
      expect(accounts.accounts.get('8001')).toBe(first.sip.password);
    });

    it('audits sign-ins and revocations', async () => {
      await signIn();
      await signIn();
      const events = db.prepare('SELECT event FROM sign_in_audit ORDER BY id').pluck().all();
      expect(events).toEqual(['code-requested', 'signed-in', 'code-requested', 'device-revoked', 'signed-in']);
    });
  });

  describe('desktop app plus mobile client, a per-company policy', () => {
    const signIn = async (app: 'desktop' | 'mobile') => {
      clock.advanceSec(180);
      await service.requestCode({ mobile: demoMobile, companyId, language: 'en', app }, ip);
      return service.verify({ mobile: demoMobile, companyId, code: caller.lastCode(demoMobile), app }, ip);
    };

    it('allowed (the default): both signed in, each with its own password for the same extension', async () => {
      const mobile = await signIn('mobile');
      const desktop = await signIn('desktop');
      expect(desktop.replacedDeviceIds).toEqual([]);
      expect([mobile.sip.username, desktop.sip.username]).toEqual(['8001', '8001']);
      expect(accounts.mobileAccounts.get('8001')).toBe(mobile.sip.password);
      expect(accounts.accounts.get('8001')).toBe(desktop.sip.password);
      expect(service.listDevices().map((d) => d.app)).toEqual(['mobile', 'desktop']);
      // A second PC replaces only the first PC, and drops only desktop registrations; the mobile client stays.
      const secondPc = await signIn('desktop');
      expect(secondPc.replacedDeviceIds).toEqual([desktop.device.id]);
      expect(accounts.mobileAccounts.get('8001')).toBe(mobile.sip.password);
      expect(accounts.unregistered).toEqual(['8001']);
      // Revoking the mobile client leaves the desktop's account and registration alone.
      await service.forceSignOut(mobile.device.id);
      expect(accounts.mobileAccounts.has('8001')).toBe(false);
      expect(accounts.accounts.get('8001')).toBe(secondPc.sip.password);
      expect(accounts.unregistered).toEqual(['8001', '8001:mobile']);
    });

    it('not allowed: the desktop sign-in is refused while the mobile client is signed in (before any call)', async () => {
      expect(service.setDesktopWithMobile(companyId, 'not-allowed')).toBe(true);
      const mobile = await signIn('mobile');
      clock.advanceSec(180);
      const calls = caller.calls.length;
      const refused = await problem(
        service.requestCode({ mobile: demoMobile, companyId, language: 'en', app: 'desktop' }, ip),
      );
      expect(refused).toMatchObject({ code: 'other-device-active', status: 409, activeApp: 'mobile' });
      expect(refused.message).toMatch(/signed in on the mobile app.*Sign out there first/);
      expect(caller.calls).toHaveLength(calls);

      // Signing in again on the mobile app is fine (it replaces the old mobile sign-in).
      const again = await signIn('mobile');
      expect(again.replacedDeviceIds).toEqual([mobile.device.id]);

      // Once the mobile client signs out, the desktop may sign in; then the mobile client is refused.
      await service.signOut(again.device.token, ip);
      await signIn('desktop');
      expect(await problem(signIn('mobile'))).toMatchObject({ code: 'other-device-active', activeApp: 'desktop' });
    });

    it('checked again at verify (the policy may change after the call); the refused code stays usable', async () => {
      const mobile = await signIn('mobile');
      clock.advanceSec(180);
      await service.requestCode({ mobile: demoMobile, companyId, language: 'en' }, ip);
      service.setDesktopWithMobile(companyId, 'not-allowed');
      const code = caller.lastCode(demoMobile);
      expect(await problem(service.verify({ mobile: demoMobile, companyId, code }, ip))).toMatchObject({
        code: 'other-device-active',
      });
      await service.signOut(mobile.device.token, ip);
      expect((await service.verify({ mobile: demoMobile, companyId, code }, ip)).sip.username).toBe('8001');
    });
  });
});
