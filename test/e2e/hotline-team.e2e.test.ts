/**
 * A service hotline staffed by three colleagues, each in their own app signed in by mobile number,
 * through the real reference switchboard (Kamailio asks the provisioning service who rings). The
 * outside caller is a plain SIP phone (baresip); one colleague's mobile is another baresip.
 *
 * What the team notices: a hotline call rings only Available colleagues, the longest idle first;
 * whoever lets it ring out is set Busy ("not responding") and the call goes on to the next; after a
 * call, after-call work counts down and returns to Available by itself; Busy still gets a direct
 * call; Offline gets none, and the change shows in the others' directories within a second; in
 * mobile mode the switchboard rings the mobile, and dialing from the app calls the mobile back first.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { addCompanyCallGroup } from '../support/call-groups.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [wang, liNa, third] = demoPeople as [(typeof demoPeople)[0], (typeof demoPeople)[0], (typeof demoPeople)[0]];
const hotline = { number: '8240', name: '服务台 Service desk', ringTimeoutSec: 5 };
const afterCallWorkSec = 4;
const outsidePhone = demoUsers[0]!;
/** The third colleague's mobile: the SIP user named by the number's digits (as the code line calls it). */
const thirdMobile = { user: third.mobile.replace(/^\+/, ''), password: 'mobile-pass', displayName: 'Mobile' };

type Status = 'available' | 'busy' | 'break' | 'offline' | 'on-call' | 'after-call-work';

describe('a hotline team: status, group hunting, presence and mobile mode', () => {
  const { apps, phones } = useSignedInApps({
    switchboard: { provisioning: true },
    prepare: async (switchboard) => {
      addCompanyCallGroup(
        switchboard,
        { ...hotline, members: [wang.extension, liNa.extension, third.extension] },
        { afterCallWorkSec },
      );
      await switchboard.addUser(thirdMobile);
    },
    apps: {
      wang: { signIn: { mobile: wang.mobile } },
      liNa: { signIn: { mobile: liNa.mobile }, locale: 'zh-CN' },
      third: { signIn: { mobile: third.mobile } },
    },
    phones: { caller: { user: outsidePhone }, mobile: { user: thirdMobile } },
  });

  const statusOf = (app: AppDriver, status: Status) =>
    app.ui().locator(`[data-testid="status-button"][data-status="${status}"]`);
  const setStatus = async (app: AppDriver, status: 'available' | 'busy' | 'offline') => {
    await app.ui().getByTestId('status-button').click();
    await app.ui().getByTestId(`status-option-${status}`).click();
    await statusOf(app, status).waitFor();
  };
  /** The colleague's presence dot in this app's directory search. */
  const presenceIn = async (app: AppDriver, extension: string) => {
    await app.openTab('directory');
    const ui = app.ui();
    await ui.getByTestId('directory-search').fill(extension);
    await ui.locator(`[data-testid="search-results"][data-query="${extension}"]`).waitFor();
    return ui.locator(`[data-testid="search-result"][data-extension="${extension}"]`).getByTestId('presence-dot');
  };
  const notRinging = async (...which: AppDriver[]) => {
    for (const app of which) expect(await app.callPhase()).toBeNull();
  };

  it('all three show Available after sign-in', async () => {
    for (const app of Object.values(apps)) await statusOf(app, 'available').waitFor();
  });

  it('a hotline call rings only Available colleagues, the longest idle first; after the call, after-call work counts down and returns to Available by itself', async () => {
    // Idle order by hand: the third colleague became Available first, then Wang; Li Na is Busy.
    for (const app of Object.values(apps)) await setStatus(app, 'busy');
    await setStatus(apps.third, 'available');
    await setStatus(apps.wang, 'available');

    await phones.caller.dial(hotline.number);
    expect(await apps.third.waitForIncomingCall()).toContain(outsidePhone.user);
    await notRinging(apps.wang, apps.liNa);
    expect(await apps.third.ui().getByTestId('incoming-group').innerText()).toContain(hotline.name);
    await apps.third.answer();
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.third.ui().locator('[data-testid="in-call-status"][data-status="on-call"]').waitFor();

    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
    await apps.third.waitForCallPhase(null);
    await apps.third.ui().getByTestId('acw-bar').waitFor();
    await statusOf(apps.third, 'after-call-work').waitFor();
    const left = Number(await apps.third.ui().getByTestId('acw-countdown').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(afterCallWorkSec);
    // Nobody presses anything: the countdown ends and the colleague is Available again.
    await statusOf(apps.third, 'available').waitFor({ timeout: (afterCallWorkSec + 5) * 1000 });
    await apps.third.ui().getByTestId('acw-bar').waitFor({ state: 'detached' });
  });

  it('a colleague who lets it ring out is set Busy, "not responding", and the call moves on to the next', async () => {
    // Wang has been idle longest now (the third colleague just finished a call).
    await phones.caller.dial(hotline.number);
    await apps.wang.waitForIncomingCall();
    await notRinging(apps.third, apps.liNa);

    // Wang does not answer: after the ring timeout the third colleague's app rings.
    expect(await apps.third.waitForIncomingCall((hotline.ringTimeoutSec + 5) * 1000)).toContain(outsidePhone.user);
    await apps.wang.ui().getByTestId('not-responding-notice').waitFor();
    await statusOf(apps.wang, 'busy').waitFor();
    await apps.wang.waitForCallPhase(null);
    await notRinging(apps.liNa);
    await apps.wang.screenshot('en-hotline-not-responding');

    await apps.third.answer();
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 15_000);
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
    await apps.third.waitForCallPhase(null);
    await apps.third.ui().getByTestId('acw-ready-now').click();
    await statusOf(apps.third, 'available').waitFor();
    await apps.wang.ui().getByTestId('not-responding-available').click();
    await statusOf(apps.wang, 'available').waitFor();
  });

  it('a Busy colleague still gets a direct call', async () => {
    await statusOf(apps.liNa, 'busy').waitFor();
    await phones.caller.dial(liNa.extension);
    expect(await apps.liNa.waitForIncomingCall()).toContain(outsidePhone.user);
    await apps.liNa.answer();
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 15_000);
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
    await apps.liNa.waitForCallPhase(null);
  });

  it('Offline reaches both colleagues’ directories within a second, and an Offline colleague gets no call', async () => {
    const dots = [await presenceIn(apps.liNa, wang.extension), await presenceIn(apps.third, wang.extension)];
    for (const dot of dots) await expect.poll(() => dot.getAttribute('data-status')).toBe('available');

    const changed = Date.now();
    await setStatus(apps.wang, 'offline');
    const seenAfterMs = await Promise.all(
      dots.map(async (dot) => {
        await expect.poll(() => dot.getAttribute('data-status'), { interval: 20, timeout: 5000 }).toBe('offline');
        return Date.now() - changed;
      }),
    );
    console.log(`Offline seen by colleagues after ${seenAfterMs.join(' / ')} ms`);
    for (const ms of seenAfterMs) expect(ms).toBeLessThan(1000);
    await apps.liNa.screenshot('zh-CN-directory-colleague-offline');

    await phones.caller.dial(wang.extension);
    const refused = await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
    expect(String(refused['param'])).toMatch(/480/);
    expect(await apps.wang.callPhase()).toBeNull();

    // The hotline skips him too: Li Na is Busy, the third colleague Available.
    await phones.caller.dial(hotline.number);
    await apps.third.waitForIncomingCall();
    await notRinging(apps.wang, apps.liNa);
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
    await apps.third.waitForCallPhase(null);
    await setStatus(apps.wang, 'available');
  });

  it('mobile mode: calls ring the mobile, and dialing from the app first calls the mobile, then connects the colleague', async () => {
    await apps.third.openTab('settings');
    await apps.third.ui().getByTestId('ring-target-mobile').click();
    await apps.third.ui().locator('[data-testid="ring-target-mobile"][aria-checked="true"]').waitFor();

    await phones.caller.dial(third.extension);
    const rang = await phones.mobile.waitForEvent('CALL_INCOMING', 15_000);
    expect(String(rang['peeruri'])).toContain(outsidePhone.user);
    await phones.mobile.answer();
    await phones.mobile.waitForEvent('CALL_ESTABLISHED', 15_000);
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 15_000);
    expect(await apps.third.callPhase()).toBeNull();
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000);
    await phones.mobile.waitForEvent('CALL_CLOSED', 10_000);

    // Dialing Li Na from the app: the switchboard calls the mobile first,
    // then the mobile calls Li Na, whose app rings.
    // The mobile's owner answers it.
    await apps.third.openTab('dialpad');
    await apps.third.dial(liNa.extension);
    await apps.third.ui().getByTestId('callback-notice').waitFor();
    const callback = await phones.mobile.waitForEvent('CALL_INCOMING', 15_000);
    expect(String(callback['peeruri'])).toMatch(/^sip:callback-line@/);
    await phones.mobile.answer();
    await phones.mobile.waitForEvent('CALL_ESTABLISHED', 15_000);
    expect(await apps.liNa.waitForIncomingCall(20_000)).toContain(thirdMobile.user);
    await apps.liNa.answer();
    await apps.liNa.waitForCallPhase('connected');
    await phones.mobile.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.third.screenshot('en-mobile-mode-callback');
    await apps.liNa.hangup();
    // The callback line's leg ended when the mobile went through; then Li Na's call.
    await phones.mobile.waitForEvent('CALL_CLOSED', 10_000);
    await phones.mobile.waitForEvent('CALL_CLOSED', 10_000);
  });
});
