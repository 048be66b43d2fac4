/**
 * Wrap-up codes (issue 20, TCCC's 服务小结): the demo company requires a code before "Ready now". An agent
 * signed in by mobile number takes a call from a desk phone (baresip); when it hangs up, after-call work
 * begins; "Ready now" is refused with a message until a code is picked; the code and a note are kept with
 * the call and the history shows them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { setCompanyAgentPolicy } from '../support/call-groups.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const wang = demoPeople[0]!;
const deskPhone = demoUsers[2]!;

describe('wrap-up codes in after-call work', () => {
  const { apps, phones } = useSignedInApps({
    switchboard: { provisioning: true },
    // Set before sign-in: the app learns the company's policy with its first snapshot.
    prepare: (switchboard) => setCompanyAgentPolicy(switchboard, wang.extension, { wrapUpRequired: true }),
    apps: { wang: { signIn: { mobile: wang.mobile } } },
    phones: { desk: { user: deskPhone } },
  });
  beforeAll(async () => {
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
  });

  it('a required code: Ready now is refused until one is picked; the code and the note show in the history', async () => {
    const ui = () => apps.wang.ui();
    await phones.desk.dial(wang.extension);
    await apps.wang.waitForIncomingCall();
    await apps.wang.answer();
    await apps.wang.waitForCallPhase('connected');
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 10_000);
    await phones.desk.hangup();
    await apps.wang.waitForCallPhase(null, 10_000);
    await ui().getByTestId('acw-bar').waitFor();

    await ui().getByTestId('acw-ready-now').click();
    await expect.poll(() => ui().getByTestId('acw-error').textContent()).toContain('wrap-up code');
    await ui().locator('[data-testid="status-button"][data-status="after-call-work"]').waitFor();
    await apps.wang.screenshot('en-wrap-up-required');

    await ui().getByTestId('acw-wrap-up-code').selectOption('complaint');
    await ui().getByTestId('acw-wrap-up-note').fill('Wants a refund');
    await ui().getByTestId('acw-wrap-up-note').press('Enter');
    await ui().getByTestId('acw-ready-now').click();
    await ui().getByTestId('acw-bar').waitFor({ state: 'detached' });
    await ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();

    await apps.wang.openTab('calls');
    const row = ui().getByTestId('call-log-row').first();
    await expect.poll(() => row.getAttribute('data-wrap-up')).toBe('complaint');
    expect(await row.getByTestId('call-log-wrap-up').textContent()).toContain('投诉 Complaint');
    expect(await row.getByTestId('call-log-wrap-up-note').textContent()).toContain('Wants a refund');
    await apps.wang.screenshot('en-wrap-up-in-history');
  });
});
