import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaresip, type BaresipPhone } from '../baresip.ts';
import { startSwitchboard, type RunningSwitchboard } from '../switchboard.ts';
import { runAdmin } from './admin-commands.ts';
import { demoMobile } from './demo-data.ts';
import { provisioningPaths } from './paths.ts';
import type { SignInResult } from './service.ts';
import { ManualClock } from './test-support/manual-clock.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

const run = promisify(execFile);

describe('provisioning with the real switchboard', () => {
  let switchboard: RunningSwitchboard;
  const caller = new RecordingCodeCaller();
  // Real time for Kamailio, a manual clock for the sign-in rules (the 180 s resend wait between "PCs").
  const clock = new ManualClock(Date.now());
  const phones: BaresipPhone[] = [];

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: { codeCaller: caller, clock } });
  });
  afterAll(async () => {
    for (const phone of phones) await phone.stop();
    await switchboard?.stop();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const signIn = async (deviceName: string): Promise<SignInResult> => {
    const lookup = await post('/v1/sign-in/lookup', { mobile: demoMobile });
    expect(lookup.status).toBe(200);
    const companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    expect((await post('/v1/sign-in/code', { mobile: demoMobile, companyId, language: 'en' })).status).toBe(202);
    const verify = await post('/v1/sign-in/verify', {
      mobile: demoMobile,
      companyId,
      code: caller.lastCode(demoMobile),
      deviceName,
    });
    expect(verify.status).toBe(200);
    return verify.body as unknown as SignInResult;
  };

  const phone = async (result: SignInResult) => {
    const started = await startBaresip({
      switchboard,
      user: { user: result.sip.username, password: result.sip.password, displayName: result.sip.displayName },
    });
    phones.push(started);
    return started;
  };

  /** The contacts Kamailio holds for `user`, via the same ctl socket the service uses. */
  const registeredContacts = async (user: string): Promise<string> => {
    const socket = `unix:${provisioningPaths(switchboard.runDir).ctlSocket}`;
    try {
      const { stdout } = await run('kamcmd', ['-s', socket, 'ul.lookup', 'location', `s:${user}`]);
      return stdout;
    } catch (error) {
      return String((error as { stdout?: unknown }).stdout ?? error);
    }
  };

  let first: SignInResult;
  let second: SignInResult;
  let firstPhone: BaresipPhone;

  it('issues credentials that Kamailio accepts', async () => {
    expect(switchboard.provisioningUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    first = await signIn('first PC');
    expect(first.sip).toMatchObject({ username: '8001', domain: switchboard.domain, wsUrl: switchboard.wsUrl });
    firstPhone = await phone(first);
    await firstPhone.waitForRegistered();
    const contacts = await registeredContacts('8001');
    expect(contacts).toMatch(/Contact/);
    expect(contacts).not.toMatch(/not found/i);
  });

  it('signing in on a second PC makes the first stop registering', async () => {
    clock.advanceSec(180);
    second = await signIn('second PC');
    expect(second.replacedDeviceIds).toEqual([first.device.id]);

    // The first device's registration was dropped at once (kamcmd ul.rm), not at its expiry.
    expect(await registeredContacts('8001')).toMatch(/not found/i);

    // The first PC's credentials are refused; the second PC's work.
    const again = await phone(first);
    await expect(again.waitForRegistered(8000)).rejects.toThrow(/registration failed: 401/);
    const secondPhone = await phone(second);
    await secondPhone.waitForRegistered();
  });

  it('an administrator force sign-out stops the device registering', async () => {
    const listed: string[] = [];
    const admin = (...argv: string[]) =>
      runAdmin(['--run-dir', switchboard.runDir, ...argv], { out: (l) => listed.push(l), err: (l) => listed.push(l) });
    expect(await admin('list-devices')).toBe(0);
    expect(listed).toHaveLength(1);
    const deviceId = listed[0]!.split('\t')[0]!;

    expect(await admin('sign-out-device', deviceId)).toBe(0);
    expect(await registeredContacts('8001')).toMatch(/not found/i);
    const revoked = await phone(second);
    await expect(revoked.waitForRegistered(8000)).rejects.toThrow(/registration failed: 401/);
  });
});
