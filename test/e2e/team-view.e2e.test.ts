/**
 * The supervisor's team view (issue 19, first landing) as people meet it, against the reference switchboard:
 * the administrator gives 张三 (8010) a supervisor account and 王小明 (8001) an agent account in team
 * "Hotline"; both sign in by e-mail. The supervisor's Team tab follows the agent's status change and a call
 * from a desk phone (baresip 1001) through the real switchboard, counts it, and the supervisor's Offline
 * signs the agent's app out ("Signed out by your administrator").
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { addAccount, signInByEmail, submitStation } from '../support/email-sign-in.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const wang = demoPeople.find((p) => p.extension === '8001')!;
const zhang = demoPeople.find((p) => p.extension === '8010')!;
const customer = demoUsers[0]!;
/** What the issue asks of the team view: a change shows within a second (bench:team measures it; this allows CI). */
const SHOWN_WITHIN_MS = 5_000;

describe('the supervisor’s team view', () => {
  const { apps, phones, switchboard } = useSignedInApps({
    switchboard: {
      provisioning: {
        // 2^14: the flow hashes a few times; the production cost is measured in accounts-http.test.ts.
        accountOptions: { scryptParams: { N: 2 ** 14, r: 8, p: 1, keylen: 32 } },
      },
    },
    apps: { supervisor: { numberScreen: true }, agent: { numberScreen: true } },
    phones: { customer: { user: customer } },
  });

  const row = (extension: string) =>
    apps.supervisor.ui().locator(`[data-testid="team-row"][data-extension="${extension}"]`);
  const rowWithStatus = (extension: string, status: string) =>
    apps.supervisor.ui().locator(`[data-testid="team-row"][data-extension="${extension}"][data-status="${status}"]`);

  /** The first sign-in: the mailed password, a new one, the station step as preselected; then registered. */
  const firstSignIn = async (app: AppDriver, email: string, password: string, newPassword: string) => {
    const ui = app.ui();
    await signInByEmail(app, email, password);
    await ui.getByTestId('new-password').fill(newPassword);
    await ui.getByTestId('repeat-password').fill(newPassword);
    await ui.getByTestId('save-new-password').click();
    await submitStation(app);
    await app.waitForRegistration('registered', 30_000);
  };

  it('a supervisor signs in by e-mail and sees the team’s agent in the Team tab; an agent has no Team tab', async () => {
    const supervisorPassword = await addAccount(switchboard(), {
      extension: zhang.extension,
      email: 'san.zhang@harbor.example',
      role: 'supervisor',
      teams: ['Hotline'],
    });
    const agentPassword = await addAccount(switchboard(), {
      extension: wang.extension,
      email: 'wang.xm@harbor.example',
      role: 'agent',
      teams: ['Hotline'],
    });
    await Promise.all([
      firstSignIn(apps.supervisor, 'san.zhang@harbor.example', supervisorPassword, 'Tide#2027x'),
      firstSignIn(apps.agent, 'wang.xm@harbor.example', agentPassword, 'Beacon9$qq'),
    ]);
    await apps.supervisor.ui().getByRole('tab', { name: apps.supervisor.strings.tabs.team }).click();
    await rowWithStatus(wang.extension, 'available').waitFor({ timeout: SHOWN_WITHIN_MS });
    expect(await row(wang.extension).innerText()).toContain(wang.name);
    expect(await apps.agent.ui().getByRole('tab', { name: apps.agent.strings.tabs.team }).count()).toBe(0);
  });

  it('follows the agent’s status change', async () => {
    await apps.agent.ui().getByTestId('status-button').click();
    await apps.agent.ui().getByTestId('status-option-busy').click();
    await rowWithStatus(wang.extension, 'busy').waitFor({ timeout: SHOWN_WITHIN_MS });
    await apps.agent.ui().getByTestId('status-button').click();
    await apps.agent.ui().getByTestId('status-option-available').click();
    await rowWithStatus(wang.extension, 'available').waitFor({ timeout: SHOWN_WITHIN_MS });
  });

  it('shows a desk-phone customer’s call to the agent while it lasts, then counts it as handled today', async () => {
    await phones.customer.dial(wang.extension);
    await apps.agent.waitForIncomingCall();
    await apps.agent.answer();
    await rowWithStatus(wang.extension, 'on-call').waitFor({ timeout: SHOWN_WITHIN_MS });
    const call = row(wang.extension).getByTestId('team-call');
    await expect.poll(() => call.innerText(), { timeout: SHOWN_WITHIN_MS }).toContain(customer.user);
    await apps.supervisor.screenshot('en-team-view-call');
    await phones.customer.hangup();
    await phones.customer.waitForEvent('CALL_CLOSED', 10_000);
    await expect
      .poll(() => row(wang.extension).getByTestId('team-calls-today').innerText(), { timeout: SHOWN_WITHIN_MS })
      .toBe('1');
    expect(await call.innerText()).toBe('–');
  });

  it('the supervisor sets the agent on a break with a reason: the team view shows it', async () => {
    await row(wang.extension).getByTestId('team-actions').click();
    await apps.supervisor.ui().getByTestId('team-set-break').click();
    await apps.supervisor.ui().getByTestId('team-break-reason-0').click();
    await rowWithStatus(wang.extension, 'break').waitFor({ timeout: SHOWN_WITHIN_MS });
  });

  it('the supervisor takes the agent Offline: the agent’s app is signed out by the administrator', async () => {
    await row(wang.extension).getByTestId('team-actions').click();
    await apps.supervisor.ui().getByTestId('team-set-offline').click();
    await apps.supervisor.ui().getByTestId('team-offline-confirm').click();
    await rowWithStatus(wang.extension, 'offline').waitFor({ timeout: SHOWN_WITHIN_MS });
    await apps.agent
      .ui()
      .locator('[data-testid="signed-out"][data-reason="signed-out-by-admin"]')
      .waitFor({ timeout: 60_000 });
  });
});
