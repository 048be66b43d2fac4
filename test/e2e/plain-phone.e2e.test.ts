/**
 * The app and a plain SIP phone (baresip over UDP, extension 1003) through the real
 * reference switchboard: Kamailio bridges WebSocket/DTLS-SRTP to UDP/RTP via rtpengine.
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
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { bestLoopedCorrelation, energyEnvelope, logEnvelope, readWav } from '../support/audio-envelope.ts';
import { renderRepeatedVoice, renderVoice } from '../support/voices.ts';

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];
const WINDOW_MS = 50;
const LISTEN_MS = 8_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the app and a plain SIP phone', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let phone: BaresipPhone;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const aliceWav = renderVoice('alice', voices);
  const bobWav = renderVoice('bob', voices);
  const controlWav = renderVoice('control', voices);
  // The phone plays its file once (the app's fake microphone loops): make it last the whole test.
  const phoneWav = renderRepeatedVoice('bob', voices, 90);
  const phoneHeard = join(voices, 'phone-heard.wav');
  const reference = (wav: string) => logEnvelope(energyEnvelope(readWav(wav), WINDOW_MS));

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [app, phone] = await Promise.all([
      startApp({ switchboard, microphoneWav: aliceWav }),
      startBaresip({ switchboard, user: deskPhone, autoAnswer: true, playWav: phoneWav, recordWav: phoneHeard }),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), phone?.stop()]);
    await switchboard?.stop();
  });

  it('both register', async () => {
    await app.signIn(alice);
    await phone.waitForRegistered();
    await app.waitForRegistration('registered');
  });

  it('the app calls the phone, which answers; each hears the other; hanging up in the app ends the phone call', async () => {
    await app.dial(deskPhone.user);
    await phone.waitForEvent('CALL_ESTABLISHED', 15_000);
    await app.waitForCallPhase('connected');
    expect(await app.inCallText()).toContain(deskPhone.user);
    await app.screenshot('en-in-call-with-desk-phone');

    const heardByApp = logEnvelope(await app.inboundEnvelope(LISTEN_MS, WINDOW_MS));
    const appHearsPhone = bestLoopedCorrelation(heardByApp, reference(bobWav));
    const appHearsControl = bestLoopedCorrelation(heardByApp, reference(controlWav));

    await app.hangup();
    const closed = await phone.waitForEvent('CALL_CLOSED', 10_000);
    expect(closed).toBeDefined();
    await app.waitForCallPhase(null);

    // What the phone decoded from the app, minus its first second (media still starting).
    const recorded = readWav(phoneHeard);
    const heardByPhone = logEnvelope(
      energyEnvelope(
        { sampleRate: recorded.sampleRate, samples: recorded.samples.subarray(recorded.sampleRate) },
        WINDOW_MS,
      ),
    );
    const phoneHearsAlice = bestLoopedCorrelation(heardByPhone, reference(aliceWav));
    const phoneHearsControl = bestLoopedCorrelation(heardByPhone, reference(controlWav));
    console.log(
      `correlation app←phone ${appHearsPhone.toFixed(2)} (control ${appHearsControl.toFixed(2)}), ` +
        `phone←Alice ${phoneHearsAlice.toFixed(2)} (control ${phoneHearsControl.toFixed(2)}), ` +
        `phone recorded ${(recorded.samples.length / recorded.sampleRate).toFixed(1)} s`,
    );
    expect(appHearsPhone).toBeGreaterThan(0.65);
    expect(appHearsPhone - appHearsControl).toBeGreaterThan(0.25);
    // It recorded the whole call, which spans the app's listening time.
    expect(recorded.samples.length / recorded.sampleRate).toBeGreaterThan(LISTEN_MS / 1000 - 0.5);
    expect(phoneHearsAlice).toBeGreaterThan(0.65);
    expect(phoneHearsAlice - phoneHearsControl).toBeGreaterThan(0.25);
  });

  it('the phone calls the app: the app shows 1003 calling, answers, and the call ends when the phone hangs up', async () => {
    await phone.dial(alice.user);
    const incoming = await app.waitForIncomingCall();
    expect(incoming).toMatch(/^1003$/m);
    await app.answer();
    await app.waitForCallPhase('connected');
    await phone.waitForEvent('CALL_ESTABLISHED', 10_000);
    await pause(2000);
    expect(await app.callTimerSeconds()).toBeGreaterThanOrEqual(1);

    await phone.hangup();
    await phone.waitForEvent('CALL_CLOSED', 10_000);
    await app.waitForCallPhase(null, 10_000);

    const [fromPhone, toPhone] = await app.callLogRows();
    expect(fromPhone).toMatchObject({ direction: 'incoming', outcome: 'answered' });
    expect(fromPhone!.text).toContain('1003');
    expect(toPhone).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    expect(toPhone!.text).toContain('1003');
  });
});
