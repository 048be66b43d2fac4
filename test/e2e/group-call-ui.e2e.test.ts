/**
 * A group (hotline) call as the agent's window shows it, through the real switchboard (Kamailio asks the
 * provisioning service who rings): the incoming call names the group and counts down the group's ring
 * timeout; let it ring out and the switchboard sets the agent Busy, which the window says with a notice
 * and "Set Available". The hunting itself (several members, order, media) is tested elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaresip, type BaresipPhone } from '../../switchboard/baresip.ts';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { addCompanyCallGroup } from '../support/call-groups.ts';
import { signInByNumber } from '../support/number-sign-in.ts';

const wang = demoPeople[0]!;
const group = { number: '8231', name: '售后 Aftersales', ringTimeoutSec: 4 };

describe('a group call in the agent’s window', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let caller: BaresipPhone;

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: true });
    addCompanyCallGroup(switchboard, { ...group, members: [wang.extension] });
    [app, caller] = await Promise.all([
      startApp({ switchboard, provisioningUrl: switchboard.provisioningUrl!, numberSignIn: true }),
      startBaresip({ switchboard, user: demoUsers[0]! }),
    ]);
    await caller.waitForRegistered();
    await signInByNumber(app, switchboard, demoMobile);
    await app.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), caller?.stop()]);
    await switchboard?.stop();
  });

  it('names the group and counts down its ring timeout; ringing out sets Busy with a notice', async () => {
    await caller.dial(group.number);
    await app.waitForIncomingCall();
    const ui = app.ui();
    expect(await ui.getByTestId('incoming-group').innerText()).toContain(`${group.name} (${group.number})`);
    const left = Number(await ui.getByTestId('ring-countdown').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(group.ringTimeoutSec);
    await app.screenshot('en-group-call-incoming');

    // Nobody answers: the switchboard moves on and sets this agent Busy ("not responding").
    await ui.getByTestId('not-responding-notice').waitFor({ timeout: (group.ringTimeoutSec + 6) * 1000 });
    await ui.locator('[data-testid="status-button"][data-status="busy"]').waitFor();
    await app.screenshot('en-not-responding');
    await ui.getByTestId('not-responding-available').click();
    await ui.getByTestId('not-responding-notice').waitFor({ state: 'detached' });
    await ui.locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });
});
