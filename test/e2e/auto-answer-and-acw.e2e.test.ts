/**
 * One agent's desktop through a call (issue 10): signed in by mobile number, auto-answer turned on in
 * Settings; a desk phone (baresip) calls the agent's extension and the app answers by itself after a
 * short tone. The header says "On a call"; when the phone hangs up, after-call work counts down from
 * the company's 30 s, "More time" adds a period, Log out is refused meanwhile, "Ready now" ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaresip, type BaresipPhone } from '../../switchboard/baresip.ts';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { signInByNumber } from '../support/number-sign-in.ts';

const wang = demoPeople[0]!;
const deskPhone = demoUsers[2]!;

describe('auto-answer and after-call work', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let phone: BaresipPhone;

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: true });
    app = await startApp({ switchboard, provisioningUrl: switchboard.provisioningUrl!, numberSignIn: true });
    phone = await startBaresip({ switchboard, user: deskPhone });
    await phone.waitForRegistered();
    await signInByNumber(app, switchboard, demoMobile);
    await app.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), phone?.stop()]);
    await switchboard?.stop();
  });

  const seconds = async (testId: string) => Number(await app.ui().getByTestId(testId).getAttribute('data-seconds'));

  it('a call is answered by itself after a short tone; the call screen says "On a call"', async () => {
    await app.openTab('settings');
    const toggle = app.ui().getByTestId('auto-answer');
    await toggle.check();
    await app.ui().locator('[data-testid="auto-answer"]:checked').waitFor();
    await app.openTab('dialpad');

    await phone.dial(wang.extension);
    await app.ui().getByTestId('auto-answering').waitFor({ timeout: 15_000 });
    const ringing = Date.now();
    await app.waitForCallPhase('connected');
    const answeredAfterMs = Date.now() - ringing;
    console.log(`auto-answered ${answeredAfterMs} ms after the call showed`);
    expect(answeredAfterMs).toBeGreaterThan(500);
    await phone.waitForEvent('CALL_ESTABLISHED', 10_000);
    await app.ui().locator('[data-testid="in-call-status"][data-status="on-call"]').waitFor();
    await app.screenshot('en-auto-answered-on-a-call');
  });

  it('when the caller hangs up, after-call work counts down; More time adds; Log out is refused; Ready now ends it', async () => {
    await phone.hangup();
    await app.waitForCallPhase(null, 10_000);
    const bar = app.ui().getByTestId('acw-bar');
    await bar.waitFor();
    await app.ui().locator('[data-testid="status-button"][data-status="after-call-work"]').waitFor();
    const first = await seconds('acw-countdown');
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThanOrEqual(30);
    await app.screenshot('en-after-call-work');

    await app.ui().getByTestId('acw-more-time').click();
    await expect.poll(() => seconds('acw-countdown'), { timeout: 3000 }).toBeGreaterThan(50);

    await app.openTab('settings');
    expect(await app.ui().getByTestId('log-out').isDisabled()).toBe(true);
    await app.ui().getByTestId('log-out-refused').waitFor();
    await app.openTab('dialpad');

    await app.ui().getByTestId('acw-ready-now').click();
    await bar.waitFor({ state: 'detached' });
    await app.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });
});
