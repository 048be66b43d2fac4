/**
 * The phone lives in main and the hidden engine window, not in the UI window:
 * closing the UI (to the tray) or reloading it must not lose a call.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { bestLoopedCorrelation, energyEnvelope, logEnvelope, readWav } from '../support/audio-envelope.ts';
import { renderVoice } from '../support/voices.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const WINDOW_MS = 50;
const LISTEN_MS = 8_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the UI window comes and goes; the phone stays', () => {
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const aliceWav = renderVoice('alice', voices);
  const bobWav = renderVoice('bob', voices);
  const controlWav = renderVoice('control', voices);
  const reference = (wav: string) => logEnvelope(energyEnvelope(readWav(wav), WINDOW_MS));

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [appA, appB] = await Promise.all([
      startApp({ switchboard, microphoneWav: aliceWav }),
      startApp({ switchboard, microphoneWav: bobWav }),
    ]);
    await appA.signIn(alice);
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop()]);
    await switchboard?.stop();
  });

  it('with the UI window closed a call still rings; reopening the window shows it and it can be answered there', async () => {
    await appA.closeUiWindow();
    expect(appA.host.uiPage).toBeNull();

    await appB.dial(alice.user);
    // B hears ringing: A's engine got the INVITE and is alerting with no UI window open.
    await appB.waitForCallPhase('ringing');
    await pause(1000);
    expect(await appB.callPhase()).toBe('ringing');

    await appA.openUiWindow();
    const incoming = await appA.waitForIncomingCall();
    expect(incoming).toContain('Bob Müller');
    expect(incoming).toContain(bob.user);
    await appA.screenshot('en-incoming-call');
    await appA.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
    await appA.screenshot('en-in-call-connected');
  });

  it('reloading the UI mid-call: the call goes on, the timer keeps counting from the answer, audio still flows', async () => {
    await pause(3000);
    const before = await appA.callTimerSeconds();
    expect(before).toBeGreaterThanOrEqual(3);

    await appA.reloadUi();
    await appA.waitForCallPhase('connected', 5_000);
    const after = await appA.callTimerSeconds();
    console.log(`call timer ${before} s before the reload, ${after} s after`);
    expect(after).toBeGreaterThanOrEqual(before!);
    expect(after).toBeLessThan(before! + 5);
    expect(await appB.callPhase()).toBe('connected');
    await pause(2000);
    expect(await appA.callTimerSeconds()).toBeGreaterThanOrEqual(after! + 1);

    const heardByA = logEnvelope(await appA.inboundEnvelope(LISTEN_MS, WINDOW_MS));
    const aHearsBob = bestLoopedCorrelation(heardByA, reference(bobWav));
    const aHearsControl = bestLoopedCorrelation(heardByA, reference(controlWav));
    console.log(`after the reload: correlation A←Bob ${aHearsBob.toFixed(2)} (control ${aHearsControl.toFixed(2)})`);
    expect(aHearsBob).toBeGreaterThan(0.65);
    expect(aHearsBob - aHearsControl).toBeGreaterThan(0.25);

    // The reloaded window still controls the call.
    await appA.hangup();
    await appB.waitForCallPhase(null, 10_000);
    await appA.waitForCallPhase(null, 10_000);
    const [rowA] = await appA.callLogRows();
    const [rowB] = await appB.callLogRows();
    expect(rowA).toMatchObject({ direction: 'incoming', outcome: 'answered' });
    expect(rowB).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    // Talk time covers the whole call, across the reload: at least 3 s + 2 s + 8 s of listening.
    expect(rowA!.text).toMatch(/\b(1[3-9]|[2-5]\d)s\b/);
  });
});
