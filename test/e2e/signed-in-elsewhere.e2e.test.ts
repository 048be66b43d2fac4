/**
 * One desktop device per account, and the ways out: two apps sign in by number with the same
 * mobile, and the first says "Signed in on another computer", stops registering, and calls ring
 * the second; an administrator's force sign-out (the admin CLI) is noticed within 60 s; Quit keeps
 * the sign-in for the next start, Log out (confirmed first) ends it here and at the service.
 * Codes come from the development code caller's log: the phoned code is number-sign-in's subject.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { signInByNumber } from '../support/number-sign-in.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const bob = demoUsers[1]!;
const wang = demoPeople[0]!;
/** The bar: a revoked device stops within 60 s (the app asks the service every 30 s). */
const NOTICE_WITHIN_MS = 60_000;

describe('one computer per account; log out versus quit', () => {
  const { apps, switchboard, restartApp } = useSignedInApps({
    // Both computers ask for a code for the same number within a minute: no 180 s wait here.
    switchboard: { provisioning: { limits: { resendAfterSec: 0 } } },
    apps: { first: { numberScreen: true }, second: { numberScreen: true }, colleague: { signIn: { sipAccount: bob } } },
  });

  /** Number, Get code, the logged code: what a person does on the mobile-number screen. */
  const signInAsWang = async (app: AppDriver) => {
    await signInByNumber(app, switchboard(), demoMobile);
    expect(app.host.core.state.get().account).toMatchObject({ user: wang.extension });
  };

  const deviceState = async (token: string) => {
    const res = await fetch(`${switchboard().provisioningUrl}/v1/device`, {
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
    await signInAsWang(apps.first);
    const firstToken = apps.first.host.core.session.provisionedDevice()!.token;
    await signInAsWang(apps.second);
    const noticedMs = await waitForSignedOutScreen(apps.first, 'signed-in-elsewhere');
    console.log(`first computer showed "signed in on another computer" after ${noticedMs} ms`);
    expect(await apps.first.ui().getByTestId('signed-out-title').innerText()).toBe('Signed in on another computer');
    await apps.first.screenshot('en-number-sign-in-signed-in-elsewhere');
    expect(apps.first.host.core.state.get()).toMatchObject({
      account: null,
      registration: { status: 'signed-out', error: 'signed-in-elsewhere' },
    });
    expect(await deviceState(firstToken)).toMatchObject({ active: false, revokedReason: 'replaced' });

    await apps.colleague.dial(wang.extension);
    expect(await apps.second.waitForIncomingCall()).toContain(bob.user);
    expect(apps.first.host.core.state.get().calls).toEqual([]);
    await apps.colleague.hangup();
    await apps.second.waitForCallPhase(null);

    await apps.first.ui().getByTestId('sign-in-again').click();
    await apps.first.ui().getByTestId('number-signin').waitFor();
  });

  it("an administrator's force sign-out (admin CLI): the app notices within 60 s", async () => {
    const device = apps.second.host.core.session.provisionedDevice()!;
    const { stdout } = await promisify(execFile)(process.execPath, [
      'switchboard/provisioning/admin.ts',
      '--run-dir',
      switchboard().runDir,
      'sign-out-device',
      device.deviceId,
    ]);
    console.log(`admin CLI: ${stdout.trim()}`);
    const noticedMs = await waitForSignedOutScreen(apps.second, 'signed-out-by-admin');
    console.log(`app showed "signed out by your administrator" after ${noticedMs} ms`);
    expect(await apps.second.ui().getByTestId('signed-out-title').innerText()).toBe('Signed out by your administrator');
    await apps.second.screenshot('en-number-sign-in-signed-out-by-admin');
    expect(apps.second.host.core.state.get().account).toBeNull();
    expect(await deviceState(device.token)).toMatchObject({ active: false, revokedReason: 'admin' });
  });

  it('Quit keeps the sign-in: the next start registers as the same extension by itself', async () => {
    await signInAsWang(apps.first);
    const device = apps.first.host.core.session.provisionedDevice()!;
    await restartApp('first');
    await apps.first.waitForRegistration('registered', 20_000);
    expect(apps.first.host.core.state.get().account).toMatchObject({ user: wang.extension });
    expect(apps.first.host.core.session.provisionedDevice()?.deviceId).toBe(device.deviceId);
    expect(await deviceState(device.token)).toMatchObject({ active: true });
  });

  it('Log out asks first, then signs the device out at the service; the next start asks for the number', async () => {
    const device = apps.first.host.core.session.provisionedDevice()!;
    await apps.first.openTab('settings');
    await apps.first.ui().getByTestId('log-out').click();
    await apps.first.ui().getByRole('alertdialog').waitFor();
    expect(await apps.first.ui().getByRole('alertdialog').innerText()).toContain('Log out of this computer?');
    await apps.first.screenshot('en-settings-log-out-confirm');
    // Cancel keeps everything.
    await apps.first.ui().getByRole('button', { name: apps.first.strings.settings.logOutCancel }).click();
    expect(await apps.first.registrationStatus()).toBe('registered');

    await apps.first.ui().getByTestId('log-out').click();
    await apps.first.ui().getByTestId('confirm-log-out').click();
    await apps.first.ui().getByTestId('number-signin').waitFor();
    expect(await deviceState(device.token)).toMatchObject({ active: false, revokedReason: 'signed-out' });

    await restartApp('first');
    await apps.first.ui().getByTestId('number-signin').waitFor();
    expect(apps.first.host.core.state.get()).toMatchObject({ account: null, registration: { status: 'signed-out' } });
  });
});
