/**
 * Hostile input from the network: the switchboard's side of the engine's WebSocket delivers every
 * RFC 4475 torture message and 10,000 seeded random mutations of valid messages, in the middle of
 * a call. The engine must survive each one without a single uncaught error in its page, drop and
 * count what it cannot take (answering 400 where a response is possible), stay registered
 * (proved by a real REGISTER refresh through Kamailio afterwards) and the call must keep its
 * audio both ways.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, waitForValue, type AppDriver } from '../support/app-driver.ts';
import { CLEAR_MATCH, hears, voiceEnvelope } from '../support/hearing.ts';
import { startInjectingProxy, type InjectingProxy } from '../support/sip-injecting-proxy.ts';
import { mutatedMessages } from '../support/sip-mutations.ts';
import type { InboundSipCounts } from '../../src/engine/inbound-sip.ts';
import { checkInbound } from '../../src/engine/sip-inbound-check.ts';
import { renderVoice } from '../support/voices.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
// A copy of the shared RFC 4475 set, so a clean clone runs the test on its own.
const TORTURE_DIR = process.env.SIP_TORTURE_DIR ?? join(import.meta.dirname, '../fixtures/sip-torture');
const MUTATIONS = Number(process.env.SIP_TORTURE_MUTATIONS ?? 10_000);
const SEED = Number(process.env.SIP_TORTURE_SEED ?? 4475);
const BATCH = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * RFC 4475's malformed requests that can still be answered, and the answer each must get wherever
 * it is addressed (400 from the engine's check or JsSIP's own, 505 for another SIP version, 416
 * for a Request-URI scheme JsSIP cannot read); the malformed responses are dropped.
 */
const RFC_ANSWERS: Record<string, string> = {
  clerr: '400',
  ncl: '400',
  ltgtruri: '400',
  lwsruri: '400',
  lwsstart: '400',
  trws: '400',
  regbadct: '400',
  mismatch01: '400',
  mismatch02: '400',
  badvers: '505',
  unkscm: '416',
  novelsc: '416',
};
const RFC_DROPPED_RESPONSES = ['scalarlg', 'bigcode'];
const firstCodes = (answers: Map<string, string>, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, /^SIP\/2\.0 (\d{3})/.exec(answers.get(name) ?? '')?.[1] ?? 'dropped']));
const isRejection = (firstLine: string) => /^SIP\/2\.0 (400|505) /.test(firstLine);

/** The RFC's messages with the CRLF line endings SIP requires (the files keep LF). */
function tortureMessages(): { name: string; kind: string; message: Buffer }[] {
  const manifest = readFileSync(join(TORTURE_DIR, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return manifest.map((line) => {
    const [name, , kind] = line.split('\t') as [string, string, string];
    const raw = readFileSync(join(TORTURE_DIR, 'rfc4475', `${name}.dat`));
    const crlf: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0x0a && raw[i - 1] !== 0x0d) crlf.push(0x0d);
      crlf.push(raw[i]!);
    }
    return { name, kind, message: Buffer.from(crlf) };
  });
}

/** Realistic messages from a switchboard, for other users and dialogs, as seeds for mutation. */
function ourSeeds(): Buffer[] {
  const via = 'Via: SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bKseed';
  const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
  const request = (method: string, extra = '', body = '') =>
    Buffer.from(
      `${method} sip:carol@127.0.0.1 SIP/2.0\r\n${via}\r\nMax-Forwards: 70\r\nTo: <sip:carol@127.0.0.1>\r\n` +
        `From: "Dave" <sip:1009@127.0.0.1>;tag=seed1\r\nCall-ID: seed-${method}@127.0.0.1\r\nCSeq: 7 ${method}\r\n` +
        `Contact: <sip:1009@127.0.0.1:5066;transport=ws>\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  return [
    request('INVITE', 'Content-Type: application/sdp\r\n', sdp),
    request('OPTIONS'),
    request(
      'NOTIFY',
      'Event: message-summary\r\nSubscription-State: active\r\nContent-Type: text/plain\r\n',
      'Messages-Waiting: yes\r\n',
    ),
    request('MESSAGE', 'Content-Type: text/plain\r\n', 'hello'),
    request('BYE'),
    Buffer.from(
      `SIP/2.0 200 OK\r\n${via}\r\nTo: <sip:carol@127.0.0.1>;tag=x\r\nFrom: <sip:1009@127.0.0.1>;tag=seed1\r\n` +
        'Call-ID: seed-response@127.0.0.1\r\nCSeq: 3 INVITE\r\nContent-Length: 0\r\n\r\n',
    ),
  ];
}

describe('hostile SIP from the network', () => {
  let switchboard: RunningSwitchboard;
  let proxy: InjectingProxy;
  let appA: AppDriver;
  let appB: AppDriver;
  let engineCrashedAt: string | null = null;
  let current = '';
  /** Uncaught exceptions and unhandled rejections in the engine page, with the message that was being delivered. */
  const uncaught: { at: string; error: string }[] = [];
  const engineConsole: string[] = [];
  const uncaughtSummary = () => {
    const byError = new Map<string, { count: number; first: string }>();
    for (const { at, error } of uncaught) {
      const seen = byError.get(error);
      if (seen) seen.count += 1;
      else byError.set(error, { count: 1, first: at });
    }
    return [...byError].map(([error, { count, first }]) => `${count}× ${error} (first at ${first})`).join('\n  ');
  };
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const aliceWav = renderVoice('alice', voices);
  const bobWav = renderVoice('bob', voices);
  const controlWav = renderVoice('control', voices);

  const engineAlive = async () => (await appA.host.enginePage()?.evaluate(() => 1 + 1)) === 2;
  const inboundCounts = async () =>
    appA.host
      .enginePage()!
      .evaluate(() =>
        (
          window as unknown as { switchboardEngine: { inboundSipCounts(): InboundSipCounts } }
        ).switchboardEngine.inboundSipCounts(),
      );
  /** Page errors, and unhandled rejections seen by a listener in the page (in case Chromium reports them apart). */
  const uncaughtNow = async () => {
    const rejections = await appA.host
      .enginePage()!
      .evaluate(() => (window as unknown as { unhandledRejections: string[] }).unhandledRejections.splice(0));
    for (const reason of rejections) uncaught.push({ at: current, error: `unhandled rejection: ${reason}` });
    return uncaughtSummary();
  };
  const registered = () => appA.host.core.state.get().registration.status;

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    proxy = await startInjectingProxy(switchboard.wsUrl);
    [appA, appB] = await Promise.all([
      startApp({ switchboard, microphoneWav: aliceWav }),
      startApp({ switchboard, microphoneWav: bobWav }),
    ]);
    await appA.signIn(alice, { server: proxy.url });
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
    const enginePage = appA.host.enginePage()!;
    enginePage.on('crash', () => void (engineCrashedAt = current));
    enginePage.on('console', (message) => engineConsole.push(`${message.type()} ${message.text()}`.slice(0, 300)));
    enginePage.on('pageerror', (error) => uncaught.push({ at: current, error: error.message.split('\n')[0]! }));
    await enginePage.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { unhandledRejections: seen });
      window.addEventListener('unhandledrejection', (event) => seen.push(String(event.reason).split('\n')[0]!));
    });
    await appB.dial(alice.user);
    await appA.waitForIncomingCall();
    await appA.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
  });

  afterAll(async () => {
    console.log(`Uncaught errors in the engine page: ${uncaught.length}\n  ${uncaughtSummary()}`);
    console.log(`Proxy connections:\n  ${proxy?.connections.join('\n  ')}`);
    console.log(`Engine console (last 40):\n  ${engineConsole.slice(-40).join('\n  ')}`);
    console.log(`SIP messages the engine counted: ${JSON.stringify(await inboundCounts().catch(() => null))}`);
    await Promise.allSettled([appA?.stop(), appB?.stop()]);
    await proxy?.stop();
    await switchboard?.stop();
  });

  it('every RFC 4475 message: the engine survives, stays registered and in the call', async () => {
    const messages = tortureMessages();
    expect(messages).toHaveLength(49);
    const summary: string[] = [];
    const answers = new Map<string, string>();
    const before = await inboundCounts();
    const from = proxy.answers.length;
    for (const { name, message } of messages) {
      current = name;
      expect(proxy.inject(message)).toBe(true);
      await pause(40);
      expect(engineCrashedAt).toBeNull();
    }
    // Answers are read once every message is in, by Call-ID: under load one can come after the next injection.
    await pause(1000);
    for (const { name, kind, message } of messages) {
      const answer = proxy.answersTo(message, from).join(' | ') || 'dropped';
      answers.set(name, answer);
      summary.push(`${name} (${kind}): ${answer}`);
    }
    const after = await inboundCounts();
    console.log(
      `RFC 4475 messages and the engine's answers (dropped ${after.dropped - before.dropped}, ` +
        `answered by the check ${after.answered - before.answered}):\n  ${summary.join('\n  ')}`,
    );
    expect(await uncaughtNow()).toBe('');
    expect(after.parserThrew + after.handlingThrew).toBe(0);
    expect(firstCodes(answers, Object.keys(RFC_ANSWERS))).toEqual(RFC_ANSWERS);
    expect(firstCodes(answers, RFC_DROPPED_RESPONSES)).toEqual({ scalarlg: 'dropped', bigcode: 'dropped' });
    expect(await engineAlive()).toBe(true);
    expect(registered()).toBe('registered');
    expect(await appA.callPhase()).toBe('connected');
    expect(appA.host.core.state.get().calls).toHaveLength(1);
  });

  it('the RFC 4475 requests addressed to Alice herself: each is answered or dropped, a ringing one can be declined, her call goes on', async () => {
    const sent: { name: string; kind: string; addressed: Buffer; rang: string }[] = [];
    const from = proxy.answers.length;
    for (const { name, kind, message } of tortureMessages()) {
      const text = message.toString('latin1');
      if (text.startsWith('SIP/')) continue;
      // Only the Request-URI's user changes, so JsSIP gets past its "not for me" 404 and parses everything.
      const addressed = Buffer.from(text.replace(/^(\S+ sips?:)[^@\s]+@/, `$1${alice.user}@`), 'latin1');
      current = `${name} to ${alice.user}`;
      expect(proxy.inject(addressed)).toBe(true);
      await pause(150);
      const ringing = appA.host.core.state.get().calls.filter((call) => call.phase === 'incoming');
      for (const call of ringing) appA.host.core.calls.decline(call.id);
      await pause(ringing.length > 0 ? 300 : 0);
      const rang = ringing.length
        ? ` [rang as "${ringing[0]!.remoteName ?? ''}" ${ringing[0]!.remoteNumber}, declined]`
        : '';
      sent.push({ name, kind, addressed, rang });
      expect(engineCrashedAt).toBeNull();
      expect(await engineAlive()).toBe(true);
    }
    // Answers are read once every request is in, by Call-ID (unique per message): one can come late under load.
    await pause(1000);
    const answers = new Map<string, string>();
    const summary = sent.map(({ name, kind, addressed, rang }) => {
      const answer = proxy.answersTo(addressed, from).join(' | ') || 'dropped';
      answers.set(name, answer);
      return `${name} (${kind}): ${answer}${rang}`;
    });
    console.log(`RFC 4475 requests to ${alice.user} and the engine's answers:\n  ${summary.join('\n  ')}`);
    expect(await uncaughtNow()).toBe('');
    expect(firstCodes(answers, Object.keys(RFC_ANSWERS))).toEqual(RFC_ANSWERS);
    expect(registered()).toBe('registered');
    expect(await appA.callPhase()).toBe('connected');
    expect(appA.host.core.state.get().calls.filter((call) => call.phase !== 'ended')).toHaveLength(1);
  });

  it(`${MUTATIONS} seeded mutations (seed ${SEED}): no uncaught error, every bad one dropped and counted, requests answered where possible`, async () => {
    const seeds = [
      ...ourSeeds(),
      ...tortureMessages()
        .filter((m) => m.kind === 'valid')
        .map((m) => m.message),
    ];
    const before = await inboundCounts();
    const rejectionsBefore = proxy.answers.filter((answer) => isRejection(answer.line)).length;
    // What the engine's check makes of each message, worked out here with the same code and JsSIP.
    const expected = { dropped: 0, answered: 0 };
    const decoder = new TextDecoder();
    const startedAt = Date.now();
    let sent = 0;
    for (const message of mutatedMessages(seeds, MUTATIONS, SEED)) {
      current = `mutation #${sent} (seed ${SEED})`;
      const verdict = checkInbound(decoder.decode(message), () => 'tag');
      if (!verdict.deliver) {
        expected.dropped += 1;
        if (verdict.reply) expected.answered += 1;
      }
      expect(proxy.inject(message)).toBe(true);
      sent += 1;
      if (sent % BATCH === 0) {
        // Let the engine keep up, and notice a crash near the message that caused it.
        expect(await engineAlive()).toBe(true);
        expect(engineCrashedAt).toBeNull();
      }
    }
    await waitForValue(
      'the engine has read every mutation',
      async () => (await inboundCounts()).received - before.received >= sent,
      true,
      10_000,
    );
    const after = await inboundCounts();
    const rejectionsSeen = proxy.answers.filter((answer) => isRejection(answer.line)).length - rejectionsBefore;
    console.log(
      `${sent} mutations delivered in ${Date.now() - startedAt} ms: the engine dropped ${after.dropped - before.dropped} ` +
        `(expected ${expected.dropped}) and answered ${after.answered - before.answered} of them (expected ${expected.answered}); ` +
        `the proxy saw ${rejectionsSeen} 400/505 answers; counts ${JSON.stringify(after)}`,
    );
    expect(await uncaughtNow()).toBe('');
    expect(after.parserThrew).toBe(0);
    expect(after.handlingThrew).toBe(0);
    expect(after.dropped - before.dropped).toBe(expected.dropped);
    expect(after.answered - before.answered).toBe(expected.answered);
    expect(expected.dropped).toBeGreaterThan(MUTATIONS / 10);
    expect(expected.answered).toBeGreaterThan(0);
    expect(rejectionsSeen).toBeGreaterThan(0);
    expect(await engineAlive()).toBe(true);
    expect(engineCrashedAt).toBeNull();
    expect(appA.host.core.state.get().calls.filter((call) => call.phase !== 'ended')).toHaveLength(1);
  });

  it('afterwards a real REGISTER refresh succeeds through Kamailio and the call still carries both voices', async () => {
    const registersBefore = proxy.upstream.filter((line) => line.startsWith('REGISTER')).length;
    const okBefore = proxy.downstream.filter((line) => line.startsWith('SIP/2.0 200')).length;
    await appA.host
      .enginePage()!
      .evaluate(() =>
        (
          window as unknown as { switchboardEngine: { refreshRegistration(): void } }
        ).switchboardEngine.refreshRegistration(),
      );
    await waitForValue(
      'a REGISTER refresh answered 200',
      async () =>
        proxy.upstream.filter((line) => line.startsWith('REGISTER')).length > registersBefore &&
        proxy.downstream.filter((line) => line.startsWith('SIP/2.0 200')).length > okBefore,
      true,
      5_000,
    );
    expect(registered()).toBe('registered');
    expect(await appA.callPhase()).toBe('connected');
    expect(await appB.callPhase()).toBe('connected');
    const control = voiceEnvelope(controlWav);
    const aHears = await hears(appA, voiceEnvelope(bobWav), control, {
      label: 'after the torture, A←Bob',
      listenMs: 8_000,
    });
    const bHears = await hears(appB, voiceEnvelope(aliceWav), control, {
      label: 'after the torture, B←Alice',
      listenMs: 8_000,
    });
    expect(aHears.voice).toBeGreaterThan(CLEAR_MATCH);
    expect(bHears.voice).toBeGreaterThan(CLEAR_MATCH);
  });
});
