/**
 * Mute, hold and SIP INFO digits between two Switchboard users through the real
 * switchboard, checked by what the far side hears and shows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHoldMusic } from '../../src/engine/hold-music.ts';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { bestLoopedCorrelation, energyEnvelope, logEnvelope, readWav } from '../support/audio-envelope.ts';
import { renderVoice } from '../support/voices.ts';
import { CLEAR_MATCH, hears } from '../support/hearing.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const WINDOW_MS = 50;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

describe('in-call controls between two Switchboard users', () => {
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const aliceWav = renderVoice('alice', voices);
  const aliceVoice = logEnvelope(energyEnvelope(readWav(aliceWav), WINDOW_MS));
  const music = logEnvelope(energyEnvelope({ sampleRate: 48_000, samples: renderHoldMusic(48_000) }, WINDOW_MS));

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [appA, appB] = await Promise.all([
      startApp({ switchboard, microphoneWav: aliceWav }),
      startApp({ switchboard, microphoneWav: renderVoice('bob', voices) }),
    ]);
    // Alice sends keypad digits as SIP INFO (her account's choice); Bob keeps RFC 4733.
    await appA.signIn(alice, { dtmfMode: 'info' });
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
    await appA.dial(bob.user);
    await appB.waitForIncomingCall();
    await appB.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop()]);
    await switchboard?.stop();
  });

  it('mute: the far side hears nothing, then Alice again after unmute', async () => {
    const before = mean(await appB.inboundEnvelope(3000, WINDOW_MS));
    await appA.setMuted(true);
    await appA.ui().getByTestId('muted-badge').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const muted = await appB.inboundEnvelope(3000, WINDOW_MS);
    console.log(`energy before ${before.toExponential(2)}, muted max ${Math.max(...muted).toExponential(2)}`);
    expect(before).toBeGreaterThan(1e-4);
    expect(Math.max(...muted)).toBeLessThan(before / 100);
    await appA.setMuted(false);
    const after = await hears(appB, aliceVoice, music, {
      label: 'after unmute, B←Alice (control: hold music)',
      margin: 0.1,
    });
    expect(after.voice).toBeGreaterThan(CLEAR_MATCH);
  });

  it('hold: both sides show it, the held party hears hold music and not the holder, then the voice again', async () => {
    await appA.setHeld(true);
    await appB.waitForHeldState('remote');
    await appA.ui().getByTestId('held-badge').waitFor();
    await appB.ui().getByTestId('held-badge').waitFor();
    await appB.screenshot('en-in-call-held-by-other-party');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heard = logEnvelope(await appB.inboundEnvelope(9000, WINDOW_MS));
    const asMusic = bestLoopedCorrelation(heard, music);
    const asVoice = bestLoopedCorrelation(heard, aliceVoice);
    console.log(`on hold: music ${asMusic.toFixed(2)}, Alice's voice ${asVoice.toFixed(2)}`);
    expect(asMusic).toBeGreaterThan(0.65);
    expect(asMusic - asVoice).toBeGreaterThan(0.2);

    await appA.setHeld(false);
    await appB.waitForHeldState(null);
    const resumedHeard = await hears(appB, aliceVoice, music, {
      label: 'resumed, B←Alice (control: hold music)',
      margin: 0.1,
    });
    const resumedVoice = resumedHeard.voice;
    expect(resumedVoice).toBeGreaterThan(CLEAR_MATCH);
  });

  it('keypad digits sent as SIP INFO arrive at the other Switchboard user in order', async () => {
    await appA.pressKeypad('12', 'click');
    await appA.pressKeypad('#3', 'keyboard');
    await appA.screenshot('en-in-call-keypad');
    const until = Date.now() + 10_000;
    while ((await appB.receivedDigits()) !== '12#3' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await appB.receivedDigits()).toBe('12#3');
    await appA.setMuted(true);
    await appA.screenshot('en-in-call-muted');
  });

  it('the call log records that the call was held', async () => {
    await appA.hangup();
    await appB.waitForCallPhase(null);
    const [row] = await appA.callLogRows();
    expect(row).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    expect(row!.text).toMatch(/held/i);
  });
});
