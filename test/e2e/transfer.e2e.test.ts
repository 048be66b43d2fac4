/**
 * Blind and attended transfer, and call waiting, through the real switchboard, judged by what the parties notice:
 * Alice (Switchboard) calls Bob (Switchboard); Bob hands her on to a plain desk phone (baresip,
 * 1003, playing a known voice). Alice's app accepts the REFER and calls the phone; Bob's leg ends.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoUsers,
  startBaresip,
  startSwitchboard,
  type BaresipPhone,
  type RunningSwitchboard,
} from '../../switchboard/index.ts';
import { startApp, waitForValue, type AppDriver } from '../support/app-driver.ts';
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
import { CLEAR_MATCH, hears, voiceEnvelope } from '../support/hearing.ts';
import { renderRepeatedVoice, renderVoice } from '../support/voices.ts';

const [alice, bob, deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('transfers', () => {
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;
  let phone: BaresipPhone;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const bobVoice = voiceEnvelope(renderVoice('bob', voices));
  const phoneVoice = voiceEnvelope(renderVoice('control', voices));

  /** The phone's first event of `type` from event index `from` on (earlier tests leave events behind). */
  async function phoneEvent(type: string, from: number, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const event = phone.events.slice(from).find((candidate) => candidate.type === type);
      if (event) return event;
      if (Date.now() > until) throw new Error(`desk phone: no ${type} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Alice calls Bob, Bob answers: both talking. */
  async function aliceCallsBob() {
    await appA.dial(bob.user);
    await appB.waitForIncomingCall();
    await appB.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
  }

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [appA, appB, phone] = await Promise.all([
      startApp({ switchboard, microphoneWav: renderVoice('alice', voices) }),
      startApp({ switchboard, microphoneWav: renderVoice('bob', voices) }),
      startBaresip({
        switchboard,
        user: deskPhone,
        autoAnswer: true,
        playWav: renderRepeatedVoice('control', voices, 240),
      }),
    ]);
    await appA.signIn(alice);
    await appB.signIn(bob);
    await phone.waitForRegistered();
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop(), phone?.stop()]);
    await switchboard?.stop();
  });

  it('blind transfer to a number nobody has fails with the reason, and Alice is back with Bob', async () => {
    // While the call rings, nothing can be transferred or added.
    await appA.dial(bob.user);
    await appB.waitForIncomingCall();
    expect(await transferControlEnabled(appA, 'transfer-button')).toBe(false);
    expect(await transferControlEnabled(appA, 'add-call-button')).toBe(false);
    await appB.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
    expect(await transferControlEnabled(appB, 'transfer-button')).toBe(true);
    await transferTo(appB, '1999', 'blind');
    await waitForTransferStatus(appB, 'failed');
    expect(await appB.inCallText()).toMatch(/1999/);
    await appB.screenshot('en-transfer-failed');
    await appA.waitForHeldState(null);
    await appB.waitForHeldState(null);
    const heard = await hears(appA, bobVoice, phoneVoice, { label: 'after failed transfer, A←Bob' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
  });

  it('blind transfer: Alice ends up talking to the desk phone, and Bob’s call ends by itself', async () => {
    const from = phone.events.length;
    await transferTo(appB, deskPhone.user, 'blind');
    await appB.waitForCallPhase(null, 20_000);
    await phoneEvent('CALL_ESTABLISHED', from);
    expect((await appB.callLogRows())[0]!.text).toContain(`Transferred to ${deskPhone.user}`);
    await appB.openTab('dialpad');
    await appA.waitForCallPhase('connected');
    expect(await shownParty(appA)).toContain(deskPhone.user);
    expect(await appA.ui().getByTestId('transferred-by').innerText()).toContain(bob.user);
    await appA.screenshot('en-transferred-by-other-party');
    const heard = await hears(appA, phoneVoice, bobVoice, { label: 'after blind transfer, A←desk phone' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
    const beforeHangup = phone.events.length;
    await appA.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
    await appA.waitForCallPhase(null);
  });

  it('attended transfer: Bob talks to the desk phone first, then completes; Alice talks to the phone, Bob has no call', async () => {
    await aliceCallsBob();
    const from = phone.events.length;
    await transferTo(appB, deskPhone.user, 'consult');
    await phoneEvent('CALL_ESTABLISHED', from);
    await appB.ui().getByTestId('consultation').waitFor();
    await appA.waitForHeldState('remote');
    expect(await otherCalls(appB)).toEqual([{ number: alice.user, phase: 'connected' }]);
    await appB.screenshot('en-attended-transfer-consultation');
    await completeTransfer(appB);
    await appB.waitForCallPhase(null, 20_000);
    const rows = await appB.callLogRows();
    expect(rows.map((row) => row.text).join('\n')).toContain(`Transferred to ${deskPhone.user} after talking`);
    await appB.openTab('dialpad');
    await appA.waitForCallPhase('connected');
    await appA.waitForHeldState(null);
    expect(await shownParty(appA)).toContain(deskPhone.user);
    const heard = await hears(appA, phoneVoice, bobVoice, { label: 'after attended transfer, A←desk phone' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
    await appA.hangup();
    await appA.waitForCallPhase(null);
  });

  it('attended transfer cancelled: the desk phone call ends and Alice is back with Bob', async () => {
    await aliceCallsBob();
    const from = phone.events.length;
    await transferTo(appB, deskPhone.user, 'consult');
    await appB.ui().getByTestId('consultation').waitFor();
    await appB.waitForCallPhase('connected');
    await appA.waitForHeldState('remote');
    await cancelConsultation(appB);
    await appA.waitForHeldState(null);
    await appB.waitForHeldState(null);
    expect(await shownParty(appB)).toContain(alice.displayName);
    await phoneEvent('CALL_CLOSED', from, 5_000);
    const heard = await hears(appA, bobVoice, phoneVoice, { label: 'consultation cancelled, A←Bob' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
    await appB.hangup();
    await appA.waitForCallPhase(null);
  });

  it('call waiting: the desk phone calls Bob during his call; Answer holds Alice; Switch goes back and forth', async () => {
    await aliceCallsBob();
    const from = phone.events.length;
    await phone.dial(bob.user);
    const overlay = await appB.waitForIncomingCall();
    expect(overlay).toContain(deskPhone.user);
    expect(await appB.ui().getByTestId('call-waiting-hint').innerText()).toContain(alice.displayName);
    await appB.screenshot('en-call-waiting');
    await appB.answer();
    await phoneEvent('CALL_ESTABLISHED', from);
    await appA.waitForHeldState('remote');
    expect(await shownParty(appB)).toContain(deskPhone.displayName);
    expect(await otherCalls(appB)).toEqual([{ number: alice.user, phase: 'connected' }]);
    await appB.screenshot('en-two-calls');

    await switchTo(appB, alice.user);
    await appA.waitForHeldState(null);
    await waitForValue('Alice in front', () => shownParty(appB), alice.displayName, 10_000);
    expect(await otherCalls(appB)).toEqual([{ number: deskPhone.user, phase: 'connected' }]);
    const heard = await hears(appA, bobVoice, phoneVoice, { label: 'switched back, A←Bob' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);

    await switchTo(appB, deskPhone.user);
    await appA.waitForHeldState('remote');
    const beforeHangup = phone.events.length;
    await appB.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
    // The held call comes to the front: Bob resumes it.
    await waitForValue('Alice in front', () => shownParty(appB), alice.displayName, 10_000);
    await appB.setHeld(false);
    await appA.waitForHeldState(null);
  });

  it('Add call: Bob calls the desk phone during his call with Alice, who is held meanwhile; Switch back', async () => {
    const from = phone.events.length;
    await appB.ui().getByTestId('add-call-button').click();
    await appB.ui().getByTestId('transfer-target').fill(deskPhone.user);
    await appB.ui().getByTestId('add-call-dial').click();
    await phoneEvent('CALL_ESTABLISHED', from);
    await appA.waitForHeldState('remote');
    await waitForValue('desk phone in front', () => shownParty(appB), deskPhone.user, 10_000);
    expect(await otherCalls(appB)).toEqual([{ number: alice.user, phase: 'connected' }]);
    await switchTo(appB, alice.user);
    await appA.waitForHeldState(null);
    const beforeHangup = phone.events.length;
    await switchTo(appB, deskPhone.user);
    await appB.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
    await waitForValue('Alice in front', () => shownParty(appB), alice.displayName, 10_000);
    await appB.setHeld(false);
    await appA.waitForHeldState(null);
  });

  it('call waiting: Decline sends busy and the call with Alice goes on', async () => {
    const from = phone.events.length;
    await phone.dial(bob.user);
    await appB.waitForIncomingCall();
    await appB.decline();
    const closed = await phoneEvent('CALL_CLOSED', from);
    expect(String(closed['param'])).toMatch(/486|busy/i);
    expect(await appB.heldState()).toBeNull();
    expect(await appB.callPhase()).toBe('connected');
    await appB.hangup();
    await appA.waitForCallPhase(null);
  });

  it('a plain SIP phone as the caller: Bob transfers the desk phone to Alice, who rings and answers', async () => {
    const from = phone.events.length;
    await phone.dial(bob.user);
    await appB.waitForIncomingCall();
    await appB.answer();
    await phoneEvent('CALL_ESTABLISHED', from);
    await appB.waitForCallPhase('connected');
    await transferTo(appB, alice.user, 'blind');
    expect(await appA.waitForIncomingCall(15_000)).toContain(deskPhone.user);
    await appA.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase(null, 20_000);
    const heard = await hears(appA, phoneVoice, bobVoice, { label: 'desk phone transferred, A←desk phone' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
    const beforeHangup = phone.events.length;
    await appA.hangup();
    await phoneEvent('CALL_CLOSED', beforeHangup);
  });
});
