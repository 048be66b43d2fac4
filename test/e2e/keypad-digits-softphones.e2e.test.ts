/**
 * Keypad digits (RFC 4733, the default) counted once by phones that also speak Opus: Linphone
 * (Debian's linphone-cli) offering Opus and G.711, Linphone with G.711 only, and baresip with Opus.
 * Before src/engine/dtmf-sdp.ts, Linphone with Opus reported each digit three times ("111555999###"
 * for "159#", both call directions) and baresip with Opus none at all: Chromium sent telephone-event/8000
 * next to 48 kHz Opus, only the three end packets of each digit. baresip answers Opus with
 * telephone-event/8000 only, which cannot be sent right beside 48 kHz audio: there the digits go by
 * SIP INFO and the call keeps Opus (sending G.711 instead left baresip's recording of us empty). Each case also says which
 * codec the app sends with, so "with Opus" is what really happened. The G.711 desk phone's case
 * stays in in-call-phone.e2e.test.ts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaresipPhone } from '../../switchboard/baresip.ts';
import { demoUsers } from '../../switchboard/index.ts';
import type { SwitchboardUser } from '../../switchboard/users.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { startLinphone, type LinphonePhone } from '../support/linphone.ts';
import { captureRtp, digitsOnTheWire, telephoneEvents } from '../support/rtp-capture.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice] = demoUsers as [SwitchboardUser];
const linphoneOpus: SwitchboardUser = { user: '2001', password: 'linphone-opus', displayName: 'Linphone Opus' };
const linphoneG711: SwitchboardUser = { user: '2002', password: 'linphone-g711', displayName: 'Linphone G711' };
const baresipOpus: SwitchboardUser = { user: '2003', password: 'baresip-opus', displayName: 'Baresip Opus' };
const baresipOpusOnly: SwitchboardUser = {
  user: '2004',
  password: 'baresip-opus-only',
  displayName: 'Baresip Opus only',
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DIGITS = '159#';

type CallMedia = { codec: string; events: Array<{ pt: number; rate: number }>; remote: string };

/**
 * The codec the app's call sends with now, as WebRTC's statistics name it ("audio/opus", "audio/PCMU"),
 * and the telephone-events the connection took from the far side's SDP.
 */
async function callMedia(app: AppDriver): Promise<CallMedia> {
  const engine = app.host.enginePage();
  const callId = app.host.core.state.get().calls.find((call) => call.phase === 'connected')?.id;
  if (!engine || !callId) throw new Error('No connected call');
  const { codec, remote } = await engine.evaluate(async (id) => {
    type Engine = { peerConnection(id: string): RTCPeerConnection | undefined };
    const pc = (window as unknown as { switchboardEngine: Engine }).switchboardEngine.peerConnection(id);
    if (!pc) throw new Error('No peer connection');
    const stats = [...(await pc.getStats()).values()] as Array<Record<string, unknown>>;
    const outbound = stats.find((report) => report['type'] === 'outbound-rtp' && report['kind'] === 'audio');
    const codec = stats.find((report) => report['id'] === outbound?.['codecId']);
    // For the log: the far side's codecs as the connection took them.
    const remote = (pc.remoteDescription?.sdp ?? '').split(/\r?\n/).filter((line) => /^m=audio|^a=rtpmap/.test(line));
    return { codec: String(codec?.['mimeType'] ?? 'none'), remote: remote.join(' | ') };
  }, callId);
  console.log(`far side's audio as taken: ${remote}`);
  const events = [...remote.matchAll(/rtpmap:(\d+) telephone-event\/(\d+)/g)].map((match) => ({
    pt: Number(match[1]),
    rate: Number(match[2]),
  }));
  return { codec, events, remote };
}

/** Waits for `count` digits after `from`, then a while longer, so a digit counted twice or three times shows. */
async function digitsAfter(read: () => string[], from: number, count: number): Promise<string> {
  const until = Date.now() + 10_000;
  while (read().length - from < count && Date.now() < until) await pause(100);
  await pause(2_000);
  return read().slice(from).join('');
}

describe('keypad digits arrive once at softphones that speak Opus', () => {
  const { apps, phones, switchboard } = useSignedInApps({
    prepare: async (sb) => {
      for (const user of [linphoneOpus, linphoneG711, baresipOpus, baresipOpusOnly]) await sb.addUser(user);
    },
    apps: { alice: { signIn: { sipAccount: alice }, microphone: 'alice' } },
    phones: {
      baresipOpus: () => ({ user: baresipOpus, autoAnswer: true, codecs: 'opus-g711', recordWav: baresipHeard() }),
      baresipOpusOnly: () => ({ user: baresipOpusOnly, autoAnswer: true, codecs: 'opus' }),
    },
  });
  const baresipHeard = (): string => join(switchboard().runDir, 'baresip-opus-heard.wav');
  const linphones: { opus?: LinphonePhone; g711?: LinphonePhone } = {};

  beforeAll(async () => {
    const sb = switchboard();
    [linphones.opus, linphones.g711] = await Promise.all([
      startLinphone({ switchboard: sb, user: linphoneOpus, codecs: ['opus', 'pcmu', 'pcma'] }),
      startLinphone({ switchboard: sb, user: linphoneG711, codecs: ['pcmu', 'pcma'] }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([linphones.opus?.stop(), linphones.g711?.stop()]);
  });

  /**
   * Calls the phone, presses the keys, and returns what the phone reported and, where tcpdump is
   * installed, each digit as it went over the wire to the phone.
   */
  async function sendDigitsTo(phone: LinphonePhone, user: SwitchboardUser) {
    const from = phone.digits().length;
    const capture = await captureRtp(phone.home, phone.rtpPorts);
    await apps.alice.dial(user.user);
    await apps.alice.waitForCallPhase('connected');
    await pause(1_000);
    const media = await callMedia(apps.alice);
    await apps.alice.pressKeypad(DIGITS, 'click');
    const got = await digitsAfter(phone.digits, from, DIGITS.length);
    console.log(`${user.displayName}: app sends ${media.codec}, phone reported ${JSON.stringify(got)} for ${DIGITS}`);
    await apps.alice.hangup();
    await apps.alice.waitForCallPhase(null);
    const pcap = await capture?.stop();
    const wire = pcap
      ? media.events.flatMap(({ pt, rate }) =>
          digitsOnTheWire(telephoneEvents(pcap, pt), rate).map((digit) => ({ ...digit, pt, rate })),
        )
      : null;
    console.log(`${user.displayName}: on the wire ${JSON.stringify(wire)}`);
    return { codec: media.codec, got, wire };
  }

  /** Each digit began with a marked start packet, went on, ended, and lasted what the app sent (120 ms). */
  function expectWellFormed(wire: Awaited<ReturnType<typeof sendDigitsTo>>['wire'], codecRate: number) {
    if (!wire) return console.log('tcpdump not installed: the packets were not checked');
    expect(wire.map((digit) => digit.event)).toEqual([1, 5, 9, 11]);
    for (const digit of wire) {
      expect(digit.rate).toBe(codecRate);
      expect(digit.startsWithMarker).toBe(true);
      expect(digit.before).toBeGreaterThan(1);
      expect(digit.ends).toBeGreaterThanOrEqual(1);
      expect(digit.ms).toBeGreaterThan(80);
      expect(digit.ms).toBeLessThan(250);
    }
  }

  it('Linphone offering Opus and G.711: the call is in Opus and each digit is reported once', async () => {
    const { codec, got, wire } = await sendDigitsTo(linphones.opus!, linphoneOpus);
    expect(codec).toBe('audio/opus');
    expect(got).toBe(DIGITS);
    expectWellFormed(wire, 48_000);
  });

  it('Linphone with G.711 only: each digit is reported once', async () => {
    const { codec, got, wire } = await sendDigitsTo(linphones.g711!, linphoneG711);
    expect(codec).toMatch(/audio\/PCM[UA]/);
    expect(got).toBe(DIGITS);
    expectWellFormed(wire, 8_000);
  });

  it('a call from Linphone (Opus) answered in the app: each digit the app sends is reported once', async () => {
    const phone = linphones.opus!;
    const from = phone.digits().length;
    phone.command(`call sip:${alice.user}@${switchboard().domain}`);
    await apps.alice.waitForIncomingCall();
    await apps.alice.answer();
    await apps.alice.waitForCallPhase('connected');
    await pause(1_000);
    const { codec } = await callMedia(apps.alice);
    await apps.alice.pressKeypad(DIGITS, 'keyboard');
    const got = await digitsAfter(phone.digits, from, DIGITS.length);
    console.log(`from Linphone: app sends ${codec}, phone reported ${JSON.stringify(got)}`);
    await apps.alice.hangup();
    await apps.alice.waitForCallPhase(null);
    expect(codec).toBe('audio/opus');
    expect(got).toBe(DIGITS);
  });

  /** Calls a baresip phone and presses the keys: what the phone reported, the codec sent and the far side's SDP. */
  async function sendDigitsToBaresip(phone: BaresipPhone, user: SwitchboardUser, talkMs = 0) {
    const received = () =>
      phone.events.filter((event) => event.type === 'CALL_DTMF_START').map((event) => String(event['param']));
    const from = received().length;
    await apps.alice.dial(user.user);
    await phone.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.alice.waitForCallPhase('connected');
    await pause(1_000);
    const { codec, remote } = await callMedia(apps.alice);
    await apps.alice.pressKeypad(DIGITS, 'click');
    const got = await digitsAfter(received, from, DIGITS.length);
    console.log(`${user.displayName}: app sends ${codec}, phone reported ${JSON.stringify(got)}`);
    await pause(talkMs);
    await apps.alice.hangup();
    await phone.waitForEvent('CALL_CLOSED', 10_000);
    await apps.alice.waitForCallPhase(null);
    return { codec, remote, got };
  }

  it('baresip answering Opus with telephone-event/8000 only: the call stays in Opus, each digit is reported once (by SIP INFO), and the phone hears the app', async () => {
    const { codec, remote, got } = await sendDigitsToBaresip(phones.baresipOpus, baresipOpus, 8_000);
    expect(remote).toContain('opus/48000');
    expect(remote).not.toContain('telephone-event');
    expect(codec).toBe('audio/opus');
    expect(got).toBe(DIGITS);
    await expectToHear({ recordedWav: baresipHeard() }, voice('alice'), {
      control: voice('control'),
      label: 'baresip←app',
    });
  });

  it('baresip with Opus alone (no telephone-event on its clock): each digit is reported once, sent by SIP INFO', async () => {
    const { codec, got } = await sendDigitsToBaresip(phones.baresipOpusOnly, baresipOpusOnly);
    expect(codec).toBe('audio/opus');
    expect(got).toBe(DIGITS);
  });
});
