/**
 * Registration and call-setup benchmark through the real reference switchboard
 * (Kamailio + rtpengine), run by `npm run bench:call` inside a loopback-only netns.
 *
 * 1. Registrations: one engine signs in N times (sign out, sign in); register = the
 *    engine page receiving main's `register` command → the engine reporting 'registered'.
 * 2. Engine → engine calls (production settings): setup = the caller's engine page
 *    receiving `dial` → the call reported 'connected' (JsSIP 'confirmed': 200 OK in,
 *    ACK out); first audio = `dial` → the first inbound-rtp stats sample whose
 *    totalAudioEnergy > 0, i.e. decoded audio with energy played out to the user (the
 *    callee's microphone is a continuous tone, so the first audible frame is the first
 *    frame with energy; packetsReceived > 0 is shown too, as "first packet").
 *    The callee answers inside its own engine page (see engine-probe.ts).
 * 3. baresip → baresip calls through the same switchboard: dial command → CALL_ESTABLISHED.
 * 4. For comparison, engine → engine calls with stock JsSIP ICE timing (wait for gathering
 *    to complete), on a second pair of engines started with `engineIceGathering: 'complete'`.
 *
 * Prints a table (p50, p95, min, max; percentiles interpolate between ranks), a median
 * timeline per call kind, and as its LAST line one JSON object with the headline numbers.
 * BENCH_N (default 20) sets registrations and calls per kind; BENCH_WARMUP (default 2)
 * unmeasured calls per engine pair come first (Chromium's first call pays one-off costs).
 * The apps run with their UI windows closed (the phone in the tray): the metrics are the
 * engines', and on a 2-core machine four Chromium renderers animating the in-call screens
 * would measure the compositor, not the phone. BENCH_WITH_UI=1 keeps the windows open.
 * Diagnostics: BENCH_DEBUG=1 logs every call's in-page marks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBrowserHost, type BrowserHost } from '../electron/host/browser-host.ts';
import { ensureRendererPages } from '../scripts/renderer-pages.ts';
import type { CallSnapshot, SipAccountInput } from '../src/shared/domain.ts';
import { makeToneWav } from '../switchboard/audio.ts';
import {
  demoUsers,
  startBaresip,
  startSwitchboard,
  type BaresipPhone,
  type RunningSwitchboard,
  type SwitchboardUser,
} from '../switchboard/index.ts';
import { installEngineProbe, type ProbeMark } from './engine-probe.ts';

const N = Number(process.env.BENCH_N ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const POLL_MS = 2;
const WAIT_MS = 10_000;
/** Pause between calls so rtpengine and both ends have torn the last call down. */
const SETTLE_MS = 150;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.error(`[bench] ${line}`);

const [alice, bob, desk] = demoUsers as [SwitchboardUser, SwitchboardUser, SwitchboardUser];
const users = {
  alice,
  bob,
  desk,
  desk2: { user: '1004', password: 'desk2-secret', displayName: 'Desk Phone 1004' },
  stockCaller: { user: '1005', password: 'stock-a-secret', displayName: 'Stock Caller' },
  stockCallee: { user: '1006', password: 'stock-b-secret', displayName: 'Stock Callee' },
} satisfies Record<string, SwitchboardUser>;

async function until(what: string, check: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(2);
  }
}

// ---------- engines ----------

type Engine = {
  name: string;
  host: BrowserHost;
  dataDir: string;
  /** When main saw each call phase (`${callId}:${phase}`), for the "as main sees it" rows. */
  mainSaw: Map<string, number>;
};

async function startEngine(
  name: string,
  options: { microphoneWav: string; autoAnswer: boolean; stockIce: boolean },
): Promise<Engine> {
  const dataDir = mkdtempSync(join(tmpdir(), `switchboard-bench-${name}-`));
  const host = await startBrowserHost({
    dataDir,
    headless: true,
    systemLocale: 'en-US',
    fakeMicrophoneWav: options.microphoneWav,
    ...(options.stockIce ? { engineIceGathering: 'complete' as const } : {}),
  });
  await host.context.addInitScript(installEngineProbe, {
    autoAnswer: options.autoAnswer,
    pollMs: POLL_MS,
    audioTimeoutMs: WAIT_MS,
  });
  if (!process.env.BENCH_WITH_UI) await host.uiPage?.close();
  const mainSaw = new Map<string, number>();
  const onEngineCall = host.core.calls.onEngineCall.bind(host.core.calls);
  host.core.calls.onEngineCall = (snapshot: CallSnapshot) => {
    mainSaw.set(`${snapshot.id}:${snapshot.phase}`, now());
    onEngineCall(snapshot);
  };
  return { name, host, dataDir, mainSaw };
}

function account(switchboard: RunningSwitchboard, user: SwitchboardUser): SipAccountInput {
  return { server: switchboard.wsUrl, user: user.user, password: user.password, displayName: user.displayName };
}

function enginePage(engine: Engine) {
  const page = engine.host.enginePage();
  if (!page) throw new Error(`${engine.name}: no engine window`);
  return page;
}

const drain = (engine: Engine): Promise<ProbeMark[]> =>
  enginePage(engine).evaluate(() => window.benchProbe?.drain() ?? []);

async function signIn(engine: Engine, switchboard: RunningSwitchboard, user: SwitchboardUser): Promise<void> {
  await engine.host.core.session.signIn(account(switchboard, user));
  await until(`${engine.name} registered`, () => {
    const registration = engine.host.core.state.get().registration;
    if (registration.status === 'error') throw new Error(`${engine.name}: ${JSON.stringify(registration)}`);
    return registration.status === 'registered';
  });
}

/** The first mark named `what` (optionally for one call), in ms after `from`. */
function since(marks: ProbeMark[], from: number, what: string | RegExp, callId?: string): number | undefined {
  const found = marks.find(
    (m) =>
      m.at >= from &&
      (typeof what === 'string' ? m.what === what : what.test(m.what)) &&
      (callId === undefined || m.callId === undefined || m.callId === callId),
  );
  return found ? found.at - from : undefined;
}

function required(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`missing measurement: ${what}`);
  return value;
}

async function measureRegistrations(engine: Engine, switchboard: RunningSwitchboard, user: SwitchboardUser) {
  const register: number[] = [];
  const signInMain: number[] = [];
  const phases: Record<string, number[]> = {};
  for (let i = 0; i < N; i++) {
    if (i > 0) await engine.host.core.session.signOut();
    const started = now();
    await signIn(engine, switchboard, user);
    signInMain.push(now() - started);
    const marks = await drain(engine);
    const command = required(marks.find((m) => m.what === 'command:register')?.at, 'register command');
    register.push(required(since(marks, command, 'report:registration:registered'), 'registered'));
    for (const [label, what] of [
      ['websocket open', 'sip:ws-open'],
      ['REGISTER sent', 'sip:out:REGISTER'],
      ['401 received', 'sip:in:SIP/2.0 401 REGISTER'],
      ['200 received', 'sip:in:SIP/2.0 200 REGISTER'],
      ['registered', 'report:registration:registered'],
    ] as const) {
      const value = since(marks, command, what);
      if (value !== undefined) (phases[label] ??= []).push(value);
    }
  }
  return { register, signInMain, phases };
}

type CallTimeline = Record<string, number | undefined>;

/** Caller marks are relative to the caller's `dial`; callee marks too (same machine clock). */
function callTimeline(caller: ProbeMark[], callee: ProbeMark[], callId: string): CallTimeline {
  const dial = required(caller.find((m) => m.what === 'command:dial' && m.callId === callId)?.at, 'dial');
  const a = (what: string | RegExp) => since(caller, dial, what, callId);
  const b = (what: string | RegExp) => since(callee, dial, what);
  return {
    'A peer connection created': a('pc:created'),
    'A mic ready (getUserMedia)': a('gum:done'),
    'A mic added (addTrack)': a('pc:addTrack:done'),
    'A offer created': a('pc:createOffer:done'),
    'A local offer set': a('pc:setLocalDescription:done'),
    'A first host candidate': a('pc:candidate:host'),
    'A INVITE sent': a('sip:out:INVITE'),
    'A ICE gathering complete': a('pc:gathering:complete'),
    'B INVITE received': b('sip:in:INVITE'),
    'B incoming reported': b('report:call:incoming'),
    'B auto-answer': b('auto-answer'),
    'B peer connection created': b('pc:created'),
    'B mic ready (getUserMedia)': b('gum:done'),
    'B mic added (addTrack)': b('pc:addTrack:done'),
    'B remote offer set': b('pc:setRemoteDescription:done'),
    'B answer created': b('pc:createAnswer:done'),
    'B local answer set': b('pc:setLocalDescription:done'),
    'B first host candidate': b('pc:candidate:host'),
    'B 200 OK sent': b('sip:out:SIP/2.0 200 INVITE'),
    'A 200 OK received': a('sip:in:SIP/2.0 200 INVITE'),
    'A remote answer set': a('pc:setRemoteDescription:done'),
    'A confirmed (ACK sent)': a('report:call:connected'),
    'B ACK received': b('sip:in:ACK'),
    'B ICE connected': b('pc:ice:connected'),
    'B DTLS connected': b('pc:connection:connected'),
    'A ICE connected': a('pc:ice:connected'),
    'A DTLS connected': a('pc:connection:connected'),
    'A first frame played out': a('ssrc:first-frame'),
    'A first audio played out': a('ssrc:first-audio'),
    'A first packet (getStats)': a('stats:first-packet'),
    'A first energy (getStats)': a('stats:first-energy'),
  };
}

async function measureEngineCalls(caller: Engine, callee: Engine, target: string, label: string) {
  const setup: number[] = [];
  const setupMain: number[] = [];
  const firstAudio: number[] = [];
  const firstEnergy: number[] = [];
  const timelines: CallTimeline[] = [];
  await Promise.all([drain(caller), drain(callee)]);
  for (let i = 0; i < WARMUP + N; i++) {
    const dialedAt = now();
    const outcome = await caller.host.core.calls.dial(target);
    if (outcome.kind !== 'call') throw new Error(`${label}: dial ${JSON.stringify(outcome)}`);
    const { callId } = outcome;
    await enginePage(caller).evaluate((id) => window.benchProbe?.waitForFirstAudio(id), callId);
    await until(`${label}: main sees the call connected`, () => caller.mainSaw.has(`${callId}:connected`));
    const [callerMarks, calleeMarks] = await Promise.all([drain(caller), drain(callee)]);
    const timeline = callTimeline(callerMarks, calleeMarks, callId);
    if (process.env.BENCH_DEBUG) {
      const dial = callerMarks.find((m) => m.what === 'command:dial')!.at;
      for (const m of [
        ...callerMarks.map((m) => ({ ...m, side: 'A' })),
        ...calleeMarks.map((m) => ({ ...m, side: 'B' })),
      ].sort((x, y) => x.at - y.at))
        log(`${m.side} ${(m.at - dial).toFixed(1).padStart(7)} ${m.what}`);
    }
    if (i >= WARMUP) {
      setup.push(required(timeline['A confirmed (ACK sent)'], `${label} confirmed`));
      firstAudio.push(required(timeline['A first audio played out'], `${label} first audio`));
      firstEnergy.push(required(timeline['A first energy (getStats)'], `${label} first energy`));
      setupMain.push(required(caller.mainSaw.get(`${callId}:connected`), 'main connected') - dialedAt);
      timelines.push(timeline);
    } else {
      log(
        `${label} warm-up call ${i + 1}: setup ${timeline['A confirmed (ACK sent)']?.toFixed(1)} ms, first audio ${timeline['A first audio played out']?.toFixed(1)} ms`,
      );
    }
    caller.host.core.calls.hangup(callId);
    const idle = (engine: Engine) => engine.host.core.state.get().calls.every((call) => call.phase === 'ended');
    await until(`${label}: call ended on both sides`, () => idle(caller) && idle(callee));
    await sleep(SETTLE_MS);
    await Promise.all([drain(caller), drain(callee)]);
  }
  return { setup, setupMain, firstAudio, firstEnergy, timelines };
}

// ---------- baresip ----------

async function measureBaresipCalls(caller: BaresipPhone, callee: BaresipPhone) {
  const setup: number[] = [];
  const commandRoundTrip: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const dialedAt = Date.now();
    await caller.dial(callee.uri);
    const acknowledgedAt = Date.now();
    const established = await caller.waitForEvent('CALL_ESTABLISHED', WAIT_MS);
    if (i >= WARMUP) {
      setup.push(established.at - dialedAt);
      commandRoundTrip.push(acknowledgedAt - dialedAt);
    }
    await caller.hangup();
    await Promise.all([caller.waitForEvent('CALL_CLOSED', WAIT_MS), callee.waitForEvent('CALL_CLOSED', WAIT_MS)]);
    await sleep(SETTLE_MS);
  }
  return { setup, commandRoundTrip };
}

// ---------- statistics and output ----------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const round = (value: number) => Math.round(value * 10) / 10;
const summary = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) });

function table(rows: Array<[string, number[]]>): string {
  const header = ['metric', 'n', 'p50', 'p95', 'min', 'max'];
  const body = rows.map(([name, values]) => [
    name,
    String(values.length),
    ...[percentile(values, 50), percentile(values, 95), Math.min(...values), Math.max(...values)].map((v) =>
      v.toFixed(1),
    ),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function timelineTable(title: string, timelines: CallTimeline[]): string {
  const keys = Object.keys(timelines[0] ?? {});
  const rows = keys
    .map(
      (key) =>
        [
          key,
          percentile(
            timelines.map((t) => t[key]).filter((v): v is number => v !== undefined),
            50,
          ),
        ] as const,
    )
    .filter(([, value]) => !Number.isNaN(value))
    .sort((x, y) => x[1] - y[1]);
  const width = Math.max(...rows.map(([key]) => key.length));
  return [title, ...rows.map(([key, value]) => `  ${key.padEnd(width)}  ${value.toFixed(1).padStart(7)} ms`)].join(
    '\n',
  );
}

// ---------- main ----------

async function main(): Promise<void> {
  // The engines are the renderer pages in Chromium: built first if missing or stale, and not timed.
  await ensureRendererPages();
  const startedAt = Date.now();
  const loadAtStart = loadavg()[0]!;
  const switchboard = await startSwitchboard({ users: Object.values(users) });
  const toneWav = join(switchboard.runDir, 'tone.wav');
  await makeToneWav(toneWav, 120);
  const engines = new Set<Engine>();
  const phones: BaresipPhone[] = [];
  const stopEngines = async (list: Engine[]) => {
    for (const engine of list) engines.delete(engine);
    await Promise.allSettled(list.map((engine) => engine.host.stop()));
    for (const engine of list) rmSync(engine.dataDir, { recursive: true, force: true });
  };
  try {
    log(`switchboard up (${switchboard.wsUrl}, udp ${switchboard.udpPort}); N=${N}, warm-up ${WARMUP}`);
    const [a, b] = await Promise.all([
      startEngine('A', { microphoneWav: toneWav, autoAnswer: false, stockIce: false }),
      startEngine('B', { microphoneWav: toneWav, autoAnswer: true, stockIce: false }),
    ]);
    engines.add(a).add(b);
    await signIn(b, switchboard, users.bob);

    log(`registrations: ${N} sign-ins of ${users.alice.user}`);
    const registrations = await measureRegistrations(a, switchboard, users.alice);

    log(`engine → engine calls: ${WARMUP} warm-up + ${N}`);
    const calls = await measureEngineCalls(a, b, users.bob.user, 'engine');

    log(`baresip → baresip calls: ${WARMUP} warm-up + ${N}`);
    const [peerCaller, peerCallee] = await Promise.all([
      startBaresip({ switchboard, user: users.desk }),
      startBaresip({ switchboard, user: users.desk2, autoAnswer: true }),
    ]);
    phones.push(peerCaller, peerCallee);
    await Promise.all([peerCaller.waitForRegistered(), peerCallee.waitForRegistered()]);
    const peer = await measureBaresipCalls(peerCaller, peerCallee);

    log(`stock ICE timing (wait for gathering to complete): ${WARMUP} warm-up + ${N} calls`);
    await stopEngines([a, b]);
    const [c, d] = await Promise.all([
      startEngine('C', { microphoneWav: toneWav, autoAnswer: false, stockIce: true }),
      startEngine('D', { microphoneWav: toneWav, autoAnswer: true, stockIce: true }),
    ]);
    engines.add(c).add(d);
    await Promise.all([signIn(c, switchboard, users.stockCaller), signIn(d, switchboard, users.stockCallee)]);
    const stock = await measureEngineCalls(c, d, users.stockCallee.user, 'stock');

    await Promise.allSettled(phones.map((phone) => phone.stop()));
    phones.length = 0;
    await stopEngines([...engines]);
    await switchboard.stop();

    const out = [
      '',
      `Switchboard call benchmark: ${N} registrations, ${N} calls per kind (+${WARMUP} warm-up), loopback, ` +
        `${((Date.now() - startedAt) / 1000).toFixed(0)} s, load average ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
      '',
      table([
        ['register_ms (engine: register cmd → registered)', registrations.register],
        ['  sign-in as main sees it (incl. engine window load)', registrations.signInMain],
        ['setup_ms (engine: dial cmd → confirmed)', calls.setup],
        ['  setup as main sees it (dial() → connected in main)', calls.setupMain],
        ['first_audio_ms (engine: dial → first audible frame out)', calls.firstAudio],
        ['  cross-check: getStats totalAudioEnergy > 0 (50 ms cache)', calls.firstEnergy],
        ['peer_setup_ms (baresip: dial cmd → CALL_ESTABLISHED)', peer.setup],
        ['  baresip control channel: dial command round trip', peer.commandRoundTrip],
        ['stock ICE: setup (dial cmd → confirmed)', stock.setup],
        ['stock ICE: first audio', stock.firstAudio],
      ]),
      '',
      'Registration, median ms after the register command:',
      ...Object.entries(registrations.phases).map(
        ([key, values]) => `  ${key.padEnd(16)}  ${percentile(values, 50).toFixed(1).padStart(7)} ms`,
      ),
      '',
      timelineTable('Engine call (A calls B), median ms after A receives dial:', calls.timelines),
      '',
      timelineTable('Stock ICE call (C calls D), median ms after C receives dial:', stock.timelines),
      '',
    ];
    console.log(out.join('\n'));
    console.log(
      JSON.stringify({
        bench: 'call',
        n: N,
        register_ms: summary(registrations.register),
        setup_ms: summary(calls.setup),
        first_audio_ms: summary(calls.firstAudio),
        peer_setup_ms: summary(peer.setup),
      }),
    );
  } finally {
    await Promise.allSettled(phones.map((phone) => phone.stop()));
    await stopEngines([...engines]);
    await switchboard.stop();
  }
}

await main();
