/**
 * One desktop device per account, and the ways out: two apps sign in by number with the same
 * mobile, and the first says "Signed in on another computer", stops registering, and calls ring
 * the second; an administrator's force sign-out (the admin CLI) is noticed within 60 s; Quit keeps
 * the sign-in for the next start, Log out (confirmed first) ends it here and at the service.
 * Codes come from the development code caller's log: the phoned code is number-sign-in's subject.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { loggedCodeCount, waitForLoggedCode } from '../support/code-log.ts';

const bob = demoUsers[1]!;
const wang = demoPeople[0]!;
/** The bar: a revoked device stops within 60 s (the app asks the service every 30 s). */
const NOTICE_WITHIN_MS = 60_000;

describe('one computer per account; log out versus quit', () => {
  let switchboard: RunningSwitchboard;
  let first: AppDriver;
  let second: AppDriver;
  let colleague: AppDriver;

  const startNumberApp = (dataDir?: string) =>
    startApp({
      switchboard,
      provisioningUrl: switchboard.provisioningUrl!,
      numberSignIn: true,
      ...(dataDir ? { dataDir } : {}),
    });

  beforeAll(async () => {
    // Both computers ask for a code for the same number within a minute: no 180 s wait here.
    switchboard = await startSwitchboard({ provisioning: { limits: { resendAfterSec: 0 } } });
    [first, second, colleague] = await Promise.all([startNumberApp(), startNumberApp(), startApp({ switchboard })]);
    await colleague.signIn(bob);
    await colleague.waitForRegistration('registered');
  });

  afterAll(async () => {
    await Promise.allSettled([first?.stop(), second?.stop(), colleague?.stop()]);
    await switchboard?.stop();
  });

  /** Number, Get code, the logged code: what a person does on the mobile-number screen. */
  const signInByNumber = async (app: AppDriver) => {
    const ui = app.ui();
    await ui.getByTestId('mobile-input').fill(demoMobile);
    await ui.getByTestId('check-number').click();
    const codesBefore = loggedCodeCount(switchboard, demoMobile);
    await ui.getByTestId('get-code').click();
    await ui.getByTestId('code-input').waitFor();
    const code = await waitForLoggedCode(switchboard, demoMobile, codesBefore + 1);
    await ui.getByTestId('code-input').fill(code);
    await app.waitForRegistration('registered', 20_000);
    expect(app.host.core.state.get().account).toMatchObject({ user: wang.extension });
  };

  const deviceState = async (token: string) => {
    const res = await fetch(`${switchboard.provisioningUrl}/v1/device`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await res.json()) as { active: boolean; revokedReason?: string };
  };

  const waitForSignedOutScreen = async (app: AppDriver, reason: string): Promise<number> => {
    const since = Date.now();
    await app
      .ui()
      .locator(`[data-testid="signed-out"][data-reason="${reason}"]`)
      .waitFor({ timeout: NOTICE_WITHIN_MS });
    return Date.now() - since;
  };

  it('signing in on a second computer: the first says so, stops registering, and calls ring the second', async () => {
    await signInByNumber(first);
    const firstToken = first.host.core.session.provisionedDevice()!.token;
    await signInByNumber(second);
    const noticedMs = await waitForSignedOutScreen(first, 'signed-in-elsewhere');
    console.log(`first computer showed "signed in on another computer" after ${noticedMs} ms`);
    expect(await first.ui().getByTestId('signed-out-title').innerText()).toBe('Signed in on another computer');
    await first.screenshot('en-number-sign-in-signed-in-elsewhere');
    expect(first.host.core.state.get()).toMatchObject({
      account: null,
      registration: { status: 'signed-out', error: 'signed-in-elsewhere' },
    });
    expect(await deviceState(firstToken)).toMatchObject({ active: false, revokedReason: 'replaced' });

    await colleague.dial(wang.extension);
    expect(await second.waitForIncomingCall()).toContain(bob.user);
    expect(first.host.core.state.get().calls).toEqual([]);
    await colleague.hangup();
    await second.waitForCallPhase(null);

    await first.ui().getByTestId('sign-in-again').click();
    await first.ui().getByTestId('number-signin').waitFor();
  });

  it("an administrator's force sign-out (admin CLI): the app notices within 60 s", async () => {
    const device = second.host.core.session.provisionedDevice()!;
    const { stdout } = await promisify(execFile)(process.execPath, [
      'switchboard/provisioning/admin.ts',
      '--run-dir',
      switchboard.runDir,
      'sign-out-device',
      device.deviceId,
    ]);
    console.log(`admin CLI: ${stdout.trim()}`);
    const noticedMs = await waitForSignedOutScreen(second, 'signed-out-by-admin');
    console.log(`app showed "signed out by your administrator" after ${noticedMs} ms`);
    expect(await second.ui().getByTestId('signed-out-title').innerText()).toBe('Signed out by your administrator');
    await second.screenshot('en-number-sign-in-signed-out-by-admin');
    expect(second.host.core.state.get().account).toBeNull();
    expect(await deviceState(device.token)).toMatchObject({ active: false, revokedReason: 'admin' });
  });

  it('Quit keeps the sign-in: the next start registers as the same extension by itself', async () => {
    await signInByNumber(first);
    const device = first.host.core.session.provisionedDevice()!;
    const dataDir = first.dataDir;
    await first.stop();
    first = await startNumberApp(dataDir);
    await first.waitForRegistration('registered', 20_000);
    expect(first.host.core.state.get().account).toMatchObject({ user: wang.extension });
    expect(first.host.core.session.provisionedDevice()?.deviceId).toBe(device.deviceId);
    expect(await deviceState(device.token)).toMatchObject({ active: true });
  });

  it('Log out asks first, then signs the device out at the service; the next start asks for the number', async () => {
    const device = first.host.core.session.provisionedDevice()!;
    await first.openTab('settings');
    await first.ui().getByTestId('log-out').click();
    await first.ui().getByRole('alertdialog').waitFor();
    expect(await first.ui().getByRole('alertdialog').innerText()).toContain('Log out of this computer?');
    await first.screenshot('en-settings-log-out-confirm');
    // Cancel keeps everything.
    await first.ui().getByRole('button', { name: first.strings.settings.logOutCancel }).click();
    expect(await first.registrationStatus()).toBe('registered');

    await first.ui().getByTestId('log-out').click();
    await first.ui().getByTestId('confirm-log-out').click();
    await first.ui().getByTestId('number-signin').waitFor();
    expect(await deviceState(device.token)).toMatchObject({ active: false, revokedReason: 'signed-out' });

    const dataDir = first.dataDir;
    await first.stop();
    first = await startNumberApp(dataDir);
    await first.ui().getByTestId('number-signin').waitFor();
    expect(first.host.core.state.get()).toMatchObject({ account: null, registration: { status: 'signed-out' } });
  });
});
