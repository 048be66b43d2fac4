/**
 * The app and a plain SIP phone (baresip over UDP, extension 1003) through the real
 * reference switchboard: Kamailio bridges WebSocket/DTLS-SRTP to UDP/RTP via rtpengine.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { readWav } from '../support/audio-envelope.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';
import { renderRepeatedVoice } from '../support/voices.ts';

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];
const LISTEN_MS = 8_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the app and a plain SIP phone', () => {
  const phoneHeard = (): string => join(switchboard().runDir, 'phone-heard.wav');
  const { apps, phones, switchboard } = useSignedInApps({
    apps: { alice: { signIn: { sipAccount: alice }, microphone: 'alice' } },
    phones: {
      // The phone plays its file once (the app's fake microphone loops): make it last the whole test.
      desk: () => ({
        user: deskPhone,
        autoAnswer: true,
        playWav: renderRepeatedVoice('bob', 90),
        recordWav: phoneHeard(),
      }),
    },
  });

  it('the app calls the phone, which answers; each hears the other; hanging up in the app ends the phone call', async () => {
    await apps.alice.dial(deskPhone.user);
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.alice.waitForCallPhase('connected');
    expect(await apps.alice.inCallText()).toContain(deskPhone.user);
    await apps.alice.screenshot('en-in-call-with-desk-phone');
    await expectToHear(apps.alice, voice('bob'), {
      control: voice('control'),
      listenMs: LISTEN_MS,
      label: 'app←phone',
    });

    const hungUpAt = Date.now();
    await apps.alice.hangup();
    const closed = await phones.desk.waitForEvent('CALL_CLOSED', 10_000);
    console.log(`the phone's call closed ${closed.at - hungUpAt} ms after the app hung up: ${String(closed['param'])}`);
    // Ended by the app's hang-up: not before it, and by the far end ("Connection reset by peer" is how
    // baresip reports a BYE it received; a call it ended itself, or one that failed, reads otherwise).
    expect(closed.at).toBeGreaterThanOrEqual(hungUpAt);
    expect(closed['param']).toBe('Connection reset by peer');
    await apps.alice.waitForCallPhase(null);

    // What the phone decoded from the app: the whole call, which spans the app's listening time.
    const recorded = readWav(phoneHeard());
    expect(recorded.samples.length / recorded.sampleRate).toBeGreaterThan(LISTEN_MS / 1000 - 0.5);
    await expectToHear({ recordedWav: phoneHeard() }, voice('alice'), {
      control: voice('control'),
      label: 'phone←Alice',
    });
  });

  it('the phone calls the app: the app shows 1003 calling, answers, and the call ends when the phone hangs up', async () => {
    await phones.desk.dial(alice.user);
    const incoming = await apps.alice.waitForIncomingCall();
    expect(incoming).toMatch(/^1003$/m);
    await apps.alice.answer();
    await apps.alice.waitForCallPhase('connected');
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 10_000);
    await pause(2000);
    expect(await apps.alice.callTimerSeconds()).toBeGreaterThanOrEqual(1);

    await phones.desk.hangup();
    await phones.desk.waitForEvent('CALL_CLOSED', 10_000);
    await apps.alice.waitForCallPhase(null, 10_000);

    const [fromPhone, toPhone] = await apps.alice.callLogRows();
    expect(fromPhone).toMatchObject({ direction: 'incoming', outcome: 'answered' });
    expect(fromPhone!.text).toContain('1003');
    expect(toPhone).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    expect(toPhone!.text).toContain('1003');
  });
});
