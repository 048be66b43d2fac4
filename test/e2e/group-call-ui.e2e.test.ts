/**
 * A group (hotline) call as the agent's window shows it, through the real switchboard (Kamailio asks the
 * provisioning service who rings): the incoming call names the group and counts down the group's ring
 * timeout; let it ring out and the switchboard sets the agent Busy, which the window says with a notice
 * and "Set Available". The hunting itself (several members, order, media) is tested elsewhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { addCompanyCallGroup } from '../support/call-groups.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const wang = demoPeople[0]!;
const group = { number: '8231', name: '售后 Aftersales', ringTimeoutSec: 4 };

describe('a group call in the agent’s window', () => {
  const { apps, phones } = useSignedInApps({
    switchboard: { provisioning: true },
    prepare: (switchboard) => addCompanyCallGroup(switchboard, { ...group, members: [wang.extension] }),
    apps: { wang: { signIn: { mobile: demoMobile } } },
    phones: { caller: { user: demoUsers[0]! } },
  });
  beforeAll(async () => {
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });

  it('names the group and counts down its ring timeout; ringing out sets Busy with a notice', async () => {
    await phones.caller.dial(group.number);
    await apps.wang.waitForIncomingCall();
    const ui = apps.wang.ui();
    expect(await ui.getByTestId('incoming-group').innerText()).toContain(`${group.name} (${group.number})`);
    const left = Number(await ui.getByTestId('ring-countdown').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(group.ringTimeoutSec);
    await apps.wang.screenshot('en-group-call-incoming');

    // Nobody answers: the switchboard moves on and sets this agent Busy ("not responding").
    await ui.getByTestId('not-responding-notice').waitFor({ timeout: (group.ringTimeoutSec + 6) * 1000 });
    await ui.locator('[data-testid="status-button"][data-status="busy"]').waitFor();
    await apps.wang.screenshot('en-not-responding');
    await ui.getByTestId('not-responding-available').click();
    await ui.getByTestId('not-responding-notice').waitFor({ state: 'detached' });
    await ui.locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });
});
