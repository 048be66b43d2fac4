/**
 * Two Switchboard users on the real reference switchboard (Kamailio + rtpengine),
 * each app in its own Chromium, driven through the UI like a person.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { CLEAR_MARGIN, CLEAR_MATCH, hears, voiceEnvelope } from '../support/hearing.ts';
import { renderVoice } from '../support/voices.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('a call between two Switchboard users', () => {
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const aliceWav = renderVoice('alice', voices);
  const bobWav = renderVoice('bob', voices);
  const controlWav = renderVoice('control', voices);

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [appA, appB] = await Promise.all([
      startApp({ switchboard, microphoneWav: aliceWav }),
      startApp({ switchboard, microphoneWav: bobWav }),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop()]);
    await switchboard?.stop();
  });

  it('registers both users', async () => {
    await appA.signIn(alice);
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
  });

  it('A dials B by typing the number; B sees who calls and answers; audio flows both ways', async () => {
    await appA.dial(bob.user);
    const incoming = await appB.waitForIncomingCall();
    expect(incoming).toContain(alice.user);
    expect(incoming).toContain('Alice');
    await appA.waitForCallPhase('ringing');
    await appB.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');

    // Each voice has its own rhythm of speech and pauses; chance matches between
    // different voices stay below ~0.5, the voice actually sent scores ~0.8.
    const control = voiceEnvelope(controlWav);
    const [bHearsAlice, aHearsBob] = await Promise.all([
      hears(appB, voiceEnvelope(aliceWav), control, { label: 'B←Alice' }),
      hears(appA, voiceEnvelope(bobWav), control, { label: 'A←Bob' }),
    ]);
    expect(bHearsAlice.voice).toBeGreaterThan(CLEAR_MATCH);
    expect(bHearsAlice.voice - bHearsAlice.control).toBeGreaterThan(CLEAR_MARGIN);
    expect(aHearsBob.voice).toBeGreaterThan(CLEAR_MATCH);
    expect(aHearsBob.voice - aHearsBob.control).toBeGreaterThan(CLEAR_MARGIN);
  });

  it('B hangs up; the call ends on both sides and both call logs show it with direction and duration', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await appB.hangup();
    await appA.waitForCallPhase(null);
    await appB.waitForCallPhase(null);
    const [rowA] = await appA.callLogRows();
    const [rowB] = await appB.callLogRows();
    expect(rowA).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    expect(rowB).toMatchObject({ direction: 'incoming', outcome: 'answered' });
    expect(rowA!.text).toMatch(/\b([6-9]|1\d)s\b/);
  });
});
