/**
 * Blind and attended transfer, and call waiting, through the real switchboard, judged by what the parties notice:
 * Alice (Switchboard) calls Bob (Switchboard); Bob hands her on to a plain desk phone (baresip,
 * 1003, playing a known voice). Alice's app accepts the REFER and calls the phone; Bob's leg ends.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { waitForValue } from '../support/app-driver.ts';
import {
  cancelConsultation,
  completeTransfer,
  otherCalls,
  shownParty,
  switchTo,
  transferControlEnabled,
  transferTo,
  waitForTransferStatus,
} from '../support/call-transfer-driver.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';
import { renderRepeatedVoice } from '../support/voices.ts';

const [alice, bob, deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('transfers', () => {
  const { apps, phones } = useSignedInApps({
    apps: {
      alice: { signIn: { sipAccount: alice }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
    phones: { desk: () => ({ user: deskPhone, autoAnswer: true, playWav: renderRepeatedVoice('control', 240) }) },
  });
  const bobVoice = voice('bob');
  /** What the desk phone plays. */
  const phoneVoice = voice('control');

  /** The phone's first event of `type` from event index `from` on (earlier tests leave events behind). */
  async function phoneEvent(type: string, from: number, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const event = phones.desk.events.slice(from).find((candidate) => candidate.type === type);
      if (event) return event;
      if (Date.now() > until) throw new Error(`desk phone: no ${type} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Alice calls Bob, Bob answers: both talking. */
  async function aliceCallsBob() {
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');
  }

  it('blind transfer to a number nobody has fails with the reason, and Alice is back with Bob', async () => {
    // While the call rings, nothing can be transferred or added.
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    expect(await transferControlEnabled(apps.alice, 'transfer-button')).toBe(false);
    expect(await transferControlEnabled(apps.alice, 'add-call-button')).toBe(false);
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');
    expect(await transferControlEnabled(apps.bob, 'transfer-button')).toBe(true);
    await transferTo(apps.bob, '1999', 'blind');
    await waitForTransferStatus(apps.bob, 'failed');
    expect(await apps.bob.inCallText()).toMatch(/1999/);
    await apps.bob.screenshot('en-transfer-failed');
    await apps.alice.waitForHeldState(null);
    await apps.bob.waitForHeldState(null);
    await expectToHear(apps.alice, bobVoice, { control: phoneVoice, label: 'after failed transfer, A←Bob' });
  });

  it('blind transfer: Alice ends up talking to the desk phone, and Bob’s call ends by itself', async () => {
    const from = phones.desk.events.length;
    await transferTo(apps.bob, deskPhone.user, 'blind');
    await apps.bob.waitForCallPhase(null, 20_000);
    await phoneEvent('CALL_ESTABLISHED', from);
    expect((await apps.bob.callLogRows())[0]!.text).toContain(`Transferred to ${deskPhone.user}`);
    await apps.bob.openTab('dialpad');
    await apps.alice.waitForCallPhase('connected');
    expect(await shownParty(apps.alice)).toContain(deskPhone.user);
    expect(await apps.alice.ui().getByTestId('transferred-by').innerText()).toContain(bob.user);
    await apps.alice.screenshot('en-transferred-by-other-party');
    await expectToHear(apps.alice, phoneVoice, { control: bobVoice, label: 'after blind transfer, A←desk phone' });
    const beforeHangup = phones.desk.events.length;
    await apps.alice.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
    await apps.alice.waitForCallPhase(null);
  });

  it('attended transfer: Bob talks to the desk phone first, then completes; Alice talks to the phone, Bob has no call', async () => {
    await aliceCallsBob();
    const from = phones.desk.events.length;
    await transferTo(apps.bob, deskPhone.user, 'consult');
    await phoneEvent('CALL_ESTABLISHED', from);
    await apps.bob.ui().getByTestId('consultation').waitFor();
    await apps.alice.waitForHeldState('remote');
    expect(await otherCalls(apps.bob)).toEqual([{ number: alice.user, phase: 'connected' }]);
    await apps.bob.screenshot('en-attended-transfer-consultation');
    await completeTransfer(apps.bob);
    await apps.bob.waitForCallPhase(null, 20_000);
    const rows = await apps.bob.callLogRows();
    expect(rows.map((row) => row.text).join('\n')).toContain(`Transferred to ${deskPhone.user} after talking`);
    await apps.bob.openTab('dialpad');
    await apps.alice.waitForCallPhase('connected');
    await apps.alice.waitForHeldState(null);
    expect(await shownParty(apps.alice)).toContain(deskPhone.user);
    await expectToHear(apps.alice, phoneVoice, { control: bobVoice, label: 'after attended transfer, A←desk phone' });
    await apps.alice.hangup();
    await apps.alice.waitForCallPhase(null);
  });

  it('attended transfer cancelled: the desk phone call ends and Alice is back with Bob', async () => {
    await aliceCallsBob();
    const from = phones.desk.events.length;
    await transferTo(apps.bob, deskPhone.user, 'consult');
    await apps.bob.ui().getByTestId('consultation').waitFor();
    await apps.bob.waitForCallPhase('connected');
    await apps.alice.waitForHeldState('remote');
    await cancelConsultation(apps.bob);
    await apps.alice.waitForHeldState(null);
    await apps.bob.waitForHeldState(null);
    expect(await shownParty(apps.bob)).toContain(alice.displayName);
    await phoneEvent('CALL_CLOSED', from, 5_000);
    await expectToHear(apps.alice, bobVoice, { control: phoneVoice, label: 'consultation cancelled, A←Bob' });
    await apps.bob.hangup();
    await apps.alice.waitForCallPhase(null);
  });

  it('call waiting: the desk phone calls Bob during his call; Answer holds Alice; Switch goes back and forth', async () => {
    await aliceCallsBob();
    const from = phones.desk.events.length;
    await phones.desk.dial(bob.user);
    const overlay = await apps.bob.waitForIncomingCall();
    expect(overlay).toContain(deskPhone.user);
    expect(await apps.bob.ui().getByTestId('call-waiting-hint').innerText()).toContain(alice.displayName);
    await apps.bob.screenshot('en-call-waiting');
    await apps.bob.answer();
    await phoneEvent('CALL_ESTABLISHED', from);
    await apps.alice.waitForHeldState('remote');
    expect(await shownParty(apps.bob)).toContain(deskPhone.displayName);
    expect(await otherCalls(apps.bob)).toEqual([{ number: alice.user, phase: 'connected' }]);
    await apps.bob.screenshot('en-two-calls');

    await switchTo(apps.bob, alice.user);
    await apps.alice.waitForHeldState(null);
    await waitForValue('Alice in front', () => shownParty(apps.bob), alice.displayName, 10_000);
    expect(await otherCalls(apps.bob)).toEqual([{ number: deskPhone.user, phase: 'connected' }]);
    await expectToHear(apps.alice, bobVoice, { control: phoneVoice, label: 'switched back, A←Bob' });

    await switchTo(apps.bob, deskPhone.user);
    await apps.alice.waitForHeldState('remote');
    const beforeHangup = phones.desk.events.length;
    await apps.bob.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
    // The held call comes to the front: Bob resumes it.
    await waitForValue('Alice in front', () => shownParty(apps.bob), alice.displayName, 10_000);
    await apps.bob.setHeld(false);
    await apps.alice.waitForHeldState(null);
  });

  it('Add call: Bob calls the desk phone during his call with Alice, who is held meanwhile; Switch back', async () => {
    const from = phones.desk.events.length;
    await apps.bob.ui().getByTestId('add-call-button').click();
    await apps.bob.ui().getByTestId('transfer-target').fill(deskPhone.user);
    await apps.bob.ui().getByTestId('add-call-dial').click();
    await phoneEvent('CALL_ESTABLISHED', from);
    await apps.alice.waitForHeldState('remote');
    await waitForValue('desk phone in front', () => shownParty(apps.bob), deskPhone.user, 10_000);
    expect(await otherCalls(apps.bob)).toEqual([{ number: alice.user, phase: 'connected' }]);
    await switchTo(apps.bob, alice.user);
    await apps.alice.waitForHeldState(null);
    const beforeHangup = phones.desk.events.length;
    await switchTo(apps.bob, deskPhone.user);
    await apps.bob.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
    await waitForValue('Alice in front', () => shownParty(apps.bob), alice.displayName, 10_000);
    await apps.bob.setHeld(false);
    await apps.alice.waitForHeldState(null);
  });

  it('call waiting: Decline sends busy and the call with Alice goes on', async () => {
    const from = phones.desk.events.length;
    await phones.desk.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.decline();
    const closed = await phoneEvent('CALL_CLOSED', from);
    expect(String(closed['param'])).toMatch(/486|busy/i);
    expect(await apps.bob.heldState()).toBeNull();
    expect(await apps.bob.callPhase()).toBe('connected');
    await apps.bob.hangup();
    await apps.alice.waitForCallPhase(null);
  });

  it('a plain SIP phone as the caller: Bob transfers the desk phone to Alice, who rings and answers', async () => {
    const from = phones.desk.events.length;
    await phones.desk.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.answer();
    await phoneEvent('CALL_ESTABLISHED', from);
    await apps.bob.waitForCallPhase('connected');
    await transferTo(apps.bob, alice.user, 'blind');
    expect(await apps.alice.waitForIncomingCall(15_000)).toContain(deskPhone.user);
    await apps.alice.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase(null, 20_000);
    await expectToHear(apps.alice, phoneVoice, { control: bobVoice, label: 'desk phone transferred, A←desk phone' });
    const beforeHangup = phones.desk.events.length;
    await apps.alice.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
  });
});
