/**
 * Desktop app plus mobile client, a per-company policy. The "mobile client" is a baresip phone that
 * signed in through the provisioning API as `app: mobile` and registers as the same extension with
 * its own password. Allowed (the default): a call to the extension rings both, and the first to
 * answer takes it. Not allowed: the desktop sign-in says the mobile app is signed in, until it signs out.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoUsers, type RunningSwitchboard, type SwitchboardUser } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { loggedCodeCount, waitForLoggedCode } from '../support/code-log.ts';
import { signInByNumber } from '../support/number-sign-in.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const bob = demoUsers[1]!;
const wang = demoPeople[0]!;

describe('desktop app plus mobile client', () => {
  let mobileToken: string;
  let mobileAccount: SwitchboardUser;
  let companyId: number;

  const api = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${switchboard().provisioningUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
  };

  /** The mobile client signs in the way a mobile app would: lookup, code (app: mobile), verify. */
  const signInMobileClient = async (running: RunningSwitchboard) => {
    const lookup = await api('/v1/sign-in/lookup', { mobile: demoMobile });
    companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    expect((await api('/v1/sign-in/code', { mobile: demoMobile, companyId, app: 'mobile' })).status).toBe(202);
    const code = await waitForLoggedCode(running, demoMobile, 1);
    const verify = await api('/v1/sign-in/verify', { mobile: demoMobile, companyId, code, app: 'mobile' });
    expect(verify.status).toBe(200);
    const sip = verify.body['sip'] as { username: string; password: string };
    mobileToken = (verify.body['device'] as { token: string }).token;
    expect(sip.username).toBe(wang.extension);
    mobileAccount = { user: sip.username, password: sip.password, displayName: 'Wang (mobile app)' };
  };

  const { apps, phones, switchboard, startApp } = useSignedInApps({
    switchboard: { provisioning: { limits: { resendAfterSec: 0 } } },
    prepare: signInMobileClient,
    apps: { desktop: { numberScreen: true } },
    phones: { mobile: () => ({ user: mobileAccount }), caller: { user: bob } },
  });

  /** Up to "Get code" on the mobile-number screen. */
  const askForCode = async (app: AppDriver) => {
    const ui = app.ui();
    await ui.getByTestId('mobile-input').fill(demoMobile);
    await ui.getByTestId('check-number').click();
    await ui.getByTestId('get-code').click();
  };

  const signInDesktop = (app: AppDriver) => signInByNumber(app, switchboard(), demoMobile);

  it('allowed: both ring; the desktop answers first and the mobile stops ringing', async () => {
    await signInDesktop(apps.desktop);
    // Signing in on the desktop did not sign the mobile client out.
    const mobileState = await fetch(`${switchboard().provisioningUrl}/v1/device`, {
      headers: { authorization: `Bearer ${mobileToken}` },
    });
    expect(await mobileState.json()).toMatchObject({ active: true });
    await phones.caller.dial(wang.extension);
    await phones.mobile.waitForEvent('CALL_INCOMING', 15_000);
    expect(await apps.desktop.waitForIncomingCall()).toContain(bob.user);
    await apps.desktop.answer();
    await apps.desktop.waitForCallPhase('connected');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000);
    await phones.mobile.waitForEvent('CALL_CLOSED', 10_000);
    await apps.desktop.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
  });

  it('allowed: the mobile answers first and the desktop stops ringing', async () => {
    await phones.caller.dial(wang.extension);
    await phones.mobile.waitForEvent('CALL_INCOMING', 15_000);
    await apps.desktop.waitForIncomingCall();
    await phones.mobile.answer();
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000);
    await apps.desktop.ui().getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
    expect(apps.desktop.host.core.state.get().calls.filter((call) => call.phase !== 'ended')).toEqual([]);
    await phones.caller.hangup();
    await phones.mobile.waitForEvent('CALL_CLOSED', 10_000);
  });

  it('a second PC replaces the first; the mobile client keeps its registration and still rings', async () => {
    const secondPc = await startApp({ numberScreen: true });
    await signInDesktop(secondPc);
    await apps.desktop.stop();
    apps.desktop = secondPc;
    await phones.caller.dial(wang.extension);
    await phones.mobile.waitForEvent('CALL_INCOMING', 15_000);
    await apps.desktop.waitForIncomingCall();
    await phones.mobile.answer();
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000);
    await apps.desktop.ui().getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
    await phones.caller.hangup();
    await phones.mobile.waitForEvent('CALL_CLOSED', 10_000);
  });

  it('not allowed: the desktop sign-in says the mobile app is signed in; once it signs out, the desktop may', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      'switchboard/provisioning/admin.ts',
      '--run-dir',
      switchboard().runDir,
      'set-device-policy',
      String(companyId),
      'not-allowed',
    ]);
    expect(stdout).toContain('not-allowed');
    // Log out of the desktop (the policy applies to new sign-ins).
    await apps.desktop.openTab('settings');
    await apps.desktop.ui().getByTestId('log-out').click();
    await apps.desktop.ui().getByTestId('confirm-log-out').click();
    await apps.desktop.ui().getByTestId('number-signin').waitFor();

    const codesBefore = loggedCodeCount(switchboard(), demoMobile);
    await askForCode(apps.desktop);
    const error = apps.desktop.ui().getByTestId('number-signin-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('other-device-active');
    expect(await error.innerText()).toContain("You're signed in on the mobile app");
    // Refused before the phone rang.
    expect(loggedCodeCount(switchboard(), demoMobile)).toBe(codesBefore);
    await apps.desktop.screenshot('en-number-sign-in-other-device-active');

    expect((await api('/v1/sign-out', {}, { authorization: `Bearer ${mobileToken}` })).status).toBe(204);
    await apps.desktop.ui().getByTestId('get-code').click();
    await apps.desktop.ui().getByTestId('code-input').waitFor();
    await apps.desktop
      .ui()
      .getByTestId('code-input')
      .fill(await waitForLoggedCode(switchboard(), demoMobile, codesBefore + 1));
    await apps.desktop.waitForRegistration('registered', 20_000);
  });
});
