/**
 * One agent's desktop through a call (issue 10): signed in by mobile number, auto-answer turned on in
 * Settings; a desk phone (baresip) calls the agent's extension and the app answers by itself after a
 * short tone. The header says "On a call"; when the phone hangs up, after-call work counts down from
 * the company's 30 s, "More time" adds a period, Log out is refused meanwhile, "Ready now" ends it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const wang = demoPeople[0]!;
const deskPhone = demoUsers[2]!;

describe('auto-answer and after-call work', () => {
  const { apps, phones } = useSignedInApps({
    switchboard: { provisioning: true },
    apps: { wang: { signIn: { mobile: demoMobile } } },
    phones: { desk: { user: deskPhone } },
  });
  beforeAll(async () => {
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });

  const seconds = async (testId: string) =>
    Number(await apps.wang.ui().getByTestId(testId).getAttribute('data-seconds'));

  it('a call is answered by itself after a short tone; the call screen says "On a call"', async () => {
    await apps.wang.openTab('settings');
    const toggle = apps.wang.ui().getByTestId('auto-answer');
    await toggle.check();
    await apps.wang.ui().locator('[data-testid="auto-answer"]:checked').waitFor();
    await apps.wang.openTab('dialpad');

    await phones.desk.dial(wang.extension);
    await apps.wang.ui().getByTestId('auto-answering').waitFor({ timeout: 15_000 });
    const ringing = Date.now();
    await apps.wang.waitForCallPhase('connected');
    const answeredAfterMs = Date.now() - ringing;
    console.log(`auto-answered ${answeredAfterMs} ms after the call showed`);
    expect(answeredAfterMs).toBeGreaterThan(500);
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 10_000);
    await apps.wang.ui().locator('[data-testid="in-call-status"][data-status="on-call"]').waitFor();
    await apps.wang.screenshot('en-auto-answered-on-a-call');
  });

  it('when the caller hangs up, after-call work counts down; More time adds; Log out is refused; Ready now ends it', async () => {
    await phones.desk.hangup();
    await apps.wang.waitForCallPhase(null, 10_000);
    const bar = apps.wang.ui().getByTestId('acw-bar');
    await bar.waitFor();
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="after-call-work"]').waitFor();
    const first = await seconds('acw-countdown');
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThanOrEqual(30);
    await apps.wang.screenshot('en-after-call-work');

    await apps.wang.ui().getByTestId('acw-more-time').click();
    await expect.poll(() => seconds('acw-countdown'), { timeout: 3000 }).toBeGreaterThan(50);

    await apps.wang.openTab('settings');
    expect(await apps.wang.ui().getByTestId('log-out').isDisabled()).toBe(true);
    await apps.wang.ui().getByTestId('log-out-refused').waitFor();
    await apps.wang.openTab('dialpad');

    await apps.wang.ui().getByTestId('acw-ready-now').click();
    await bar.waitFor({ state: 'detached' });
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });
});
