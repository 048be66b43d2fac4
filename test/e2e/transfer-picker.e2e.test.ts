/**
 * The transfer picker through the real switchboard, as an agent uses it: a customer on a plain desk phone calls
 * 王小明 (the app, signed in by mobile number, so the directory, presence and desk phones are there); he hands the
 * customer on through each tab — a group (its free agents counted; the switchboard hunts its members as for any group
 * call), an agent (with their working status), a desk phone (话机), a person found in the department tree, and an
 * outside line typed with spaces. 李娜's desk phone (baresip, her SIP account, answering by itself) is the group's
 * member, her extension and the company's desk phone; another baresip is the outside number. One sign-in for all.
 * Last, a caller hears "正在转接，请稍候。Transferring, please wait." before the hold music (a caller app listens).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsers, type BaresipPhone, type SwitchboardUser } from '../../switchboard/index.ts';
import { AgentStore } from '../../switchboard/provisioning/agent-store.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { demoMobile } from '../../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import type { SignInResult } from '../../switchboard/provisioning/service.ts';
import { waitForValue } from '../support/app-driver.ts';
import { bestWindowCorrelation, energyEnvelope, logEnvelope, readWav } from '../support/audio-envelope.ts';
import { addCompanyCallGroup } from '../support/call-groups.ts';
import { waitForLoggedCode } from '../support/code-log.ts';
import { CLEAR_MARGIN, CLEAR_MATCH, WINDOW_MS } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';
import { renderRepeatedVoice, renderVoice } from '../support/voices.ts';

const WANG = '8001';
const LI_MOBILE = '+8613900139000';
const group = { number: '8241', name: '转接测试 Transfer desk', members: ['8002'], ringTimeoutSec: 15 };
/** An outside number: the reference switchboard reaches "the phone network" as SIP users named by their digits. */
const outsideLine: SwitchboardUser = { user: '02557950125', password: 'outside-secret', displayName: 'Outside line' };
const customer = demoUsers[2]!;
const promptWav = join(import.meta.dirname, '../../src/engine/transfer-prompt.wav');

describe('the transfer picker', () => {
  let li: SignInResult;

  const { apps, phones } = useSignedInApps({
    switchboard: { provisioning: true, users: [...demoUsers, outsideLine] },
    prepare: async (running) => {
      const base = running.provisioningUrl!;
      li = await signInByApi(base, LI_MOBILE, (count) => waitForLoggedCode(running, LI_MOBILE, count));
      // The customer calls the agent again at once after each transfer: no after-call work in between.
      addCompanyCallGroup(running, group, { afterCallWorkSec: 0 });
      const db = openProvisioningDb(provisioningPaths(running.runDir).db);
      try {
        new AgentStore(db).setDeskPhone('8002', li.sip.username);
      } finally {
        db.close();
      }
      await api(base, '/v1/status', 'PUT', { status: 'available' }, li.device.token);
    },
    apps: {
      wang: { signIn: { mobile: demoMobile }, microphone: 'bob' },
      caller: { signIn: { sipAccount: demoUsers[0]! }, microphone: 'control' },
    },
    phones: {
      li: () => ({ user: { user: li.sip.username, password: li.sip.password, displayName: 'Li' }, autoAnswer: true }),
      outside: { user: outsideLine, autoAnswer: true },
      customer: { user: customer, playWav: renderRepeatedVoice('control', 240) },
    },
  });

  const ui = () => apps.wang.ui();
  const count = (phone: BaresipPhone, type: string) => phone.events.filter((event) => event.type === type).length;
  const waitForCount = (label: string, phone: BaresipPhone, type: string, atLeast: number, timeoutMs = 20_000) =>
    waitForValue(label, async () => count(phone, type) >= atLeast, true, timeoutMs);

  /** The customer calls 王小明, who answers and opens the picker on `tab`. */
  async function customerCallsAndPickerOn(tab: string) {
    const established = count(phones.customer, 'CALL_ESTABLISHED');
    await phones.customer.dial(WANG);
    await apps.wang.waitForIncomingCall();
    await apps.wang.answer();
    await apps.wang.waitForCallPhase('connected');
    await waitForCount('customer connected', phones.customer, 'CALL_ESTABLISHED', established + 1);
    await ui().getByTestId('transfer-button').click();
    await ui().getByTestId(`transfer-tab-${tab}`).click();
  }

  /** "Transfer now" (or "Start transfer"): the target answers the customer, 王小明's call ends; then the target hangs up. */
  async function transferNowTo(target: BaresipPhone, label: string) {
    const answered = count(target, 'CALL_ESTABLISHED');
    const closed = count(phones.customer, 'CALL_CLOSED');
    await ui().getByTestId('transfer-blind').click();
    await ui().getByTestId('transfer-picker').waitFor({ state: 'detached' });
    await waitForCount(`${label} answers the customer`, target, 'CALL_ESTABLISHED', answered + 1);
    await apps.wang.waitForCallPhase(null, 20_000);
    await target.hangup();
    // The customer's call with 王小明 and the one with the target are both over.
    await waitForCount('customer’s calls closed', phones.customer, 'CALL_CLOSED', closed + 2);
    await apps.wang.openTab('dialpad');
  }

  it('Groups: shows how many of the group’s agents are free and hands the customer to the group', async () => {
    await customerCallsAndPickerOn('groups');
    const row = ui().locator(`[data-testid="picker-group"][data-number="${group.number}"]`);
    await waitForValue('1 free', () => row.getByTestId('group-available').getAttribute('data-available'), '1', 10_000);
    expect(await row.innerText()).toContain(group.name);
    await row.click();
    expect(await ui().getByTestId('transfer-target').inputValue()).toBe(group.number);
    await apps.wang.screenshot('en-transfer-picker-groups');
    await transferNowTo(phones.li, 'the group (李娜’s phone)');
    expect((await apps.wang.callLogRows())[0]!.text).toContain(`Transferred to ${group.number}`);
  });

  it('Agents: finds 李娜 by name with her working status and transfers to her extension', async () => {
    await customerCallsAndPickerOn('agents');
    await ui().getByTestId('transfer-target').fill('李娜');
    const row = ui().locator('[data-testid="picker-person"][data-number="8002"]');
    await row.getByTestId('presence-text').waitFor();
    expect(await row.getByTestId('presence-text').getAttribute('data-status')).toMatch(/available|on-call|busy/);
    await row.click();
    await transferNowTo(phones.li, '李娜');
  });

  it('Desk phones: lists 李娜’s desk phone and transfers to it', async () => {
    await customerCallsAndPickerOn('desk');
    const row = ui().locator(`[data-testid="picker-desk-phone"][data-number="${li.sip.username}"]`);
    expect(await row.innerText()).toContain('李娜');
    await row.click();
    await transferNowTo(phones.li, 'the desk phone');
  });

  it('Departments: browses 销售部 Sales to 李娜 and transfers to her', async () => {
    await customerCallsAndPickerOn('departments');
    await ui().locator('[data-testid="picker-department"][data-name="销售部 Sales"]').click();
    await ui().locator('[data-testid="picker-department"][data-name="华东 East"]').waitFor();
    await ui().locator('[data-testid="picker-person"][data-number="8002"]').click();
    await apps.wang.screenshot('en-transfer-picker-departments');
    await transferNowTo(phones.li, '李娜 from the tree');
  });

  it('Outside line: a number typed with spaces, Start transfer, and the outside phone has the customer', async () => {
    await customerCallsAndPickerOn('outside');
    // Not a number one can dial outside: Start transfer stays off, and leaving the field says why.
    await ui().getByTestId('transfer-outside-number').fill('12');
    expect(await ui().getByTestId('transfer-blind').isDisabled()).toBe(true);
    await ui().getByTestId('transfer-outside-number').press('Tab');
    await ui()
      .locator('.field-error')
      .filter({ hasText: /7 to 15 digits/ })
      .waitFor();
    await ui().getByTestId('transfer-outside-number').fill('025 5795 0125');
    await transferNowTo(phones.outside, 'the outside line');
    expect((await apps.wang.callLogRows())[0]!.text).toContain(`Transferred to ${outsideLine.user}`);
  });

  it('the caller hears “正在转接，请稍候。Transferring, please wait.” before the music when the agent talks first', async () => {
    // A listening caller is an app: what its engine plays out is measured as it arrives (a desk phone's recording
    // stops at the hold's re-INVITE).
    await apps.caller.dial(WANG);
    await apps.wang.waitForIncomingCall();
    await apps.wang.answer();
    await apps.caller.waitForCallPhase('connected');
    await ui().getByTestId('transfer-button').click();
    await ui().getByTestId('transfer-tab-outside').click();
    await ui().getByTestId('transfer-outside-number').fill(outsideLine.user);
    const listening = apps.caller.inboundEnvelope(7_000, WINDOW_MS);
    await ui().getByTestId('transfer-consult').click();
    const heard = logEnvelope(await listening);
    const reference = logEnvelope(energyEnvelope(readWav(promptWav), WINDOW_MS));
    const prompt = bestWindowCorrelation(heard, reference);
    // A voice nobody played, as long as the prompt: how well any speech matches somewhere.
    const alice = logEnvelope(energyEnvelope(readWav(renderVoice('alice')), WINDOW_MS)).slice(0, reference.length);
    const control = bestWindowCorrelation(heard, alice);
    console.log(`caller←transfer prompt: ${prompt.toFixed(2)} (control ${control.toFixed(2)})`);
    expect(prompt).toBeGreaterThan(CLEAR_MATCH);
    expect(prompt - control).toBeGreaterThan(CLEAR_MARGIN);

    await ui().getByTestId('consultation').waitFor();
    await ui().getByTestId('cancel-consult').click();
    await apps.caller.waitForHeldState(null);
    await apps.caller.hangup();
    await apps.wang.waitForCallPhase(null);
  });
});

async function api(base: string, path: string, method: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.status, path).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** A person's SIP account the way the mobile app gets one (lookup, code, verify), for a desk phone to register. */
async function signInByApi(
  base: string,
  mobile: string,
  code: (count: number) => Promise<string>,
): Promise<SignInResult> {
  const lookup = await api(base, '/v1/sign-in/lookup', 'POST', { mobile });
  const companyId = (lookup['companies'] as { id: number }[])[0]!.id;
  await api(base, '/v1/sign-in/code', 'POST', { mobile, companyId, language: 'en' });
  return (await api(base, '/v1/sign-in/verify', 'POST', {
    mobile,
    companyId,
    code: await code(1),
    deviceName: 'desk phone',
  })) as SignInResult;
}
