/**
 * Reconnect benchmark through the real reference switchboard, run by `npm run bench:reconnect`
 * inside a loopback-only netns. One app (browser host + Chromium engine) signs in, then:
 *
 * 1. Kamailio restarts (BENCH_RESTARTS, default 10): Kamailio stopped for 2–4 s, started again;
 *    re-registered = the engine reports 'registered', measured from the moment Kamailio is started
 *    (an upper bound: it includes Kamailio's own start-up of about 0.6 s) and from the moment its
 *    ports were seen answering (a lower bound: the probes poll, so this can be 0).
 *    Goal: p95 under 3 s from start (capped backoff, src/engine/reconnect-policy.ts).
 * 2. Silent deaths (BENCH_CUTS, default 3): every packet to/from Kamailio's WebSocket port dropped
 *    (iptables); detected = the engine reports 'reconnecting'. Goal: under 30 s (keepalive 10 s + 4 s).
 *    Then the path is restored; restored → registered is measured too.
 *
 * Prints a table (p50, p95, min, max) and as its LAST line one JSON object with the numbers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost } from '../electron/host/browser-host.ts';
import { ensureRendererPages } from '../scripts/renderer-pages.ts';
import { demoUsers, startSwitchboard, type SwitchboardUser } from '../switchboard/index.ts';
import { cutPorts, switchboardPorts } from '../test/support/network-cut.ts';

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 10);
const CUTS = Number(process.env.BENCH_CUTS ?? 3);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.error(`[bench] ${line}`);
const [alice] = demoUsers as [SwitchboardUser];

await ensureRendererPages();
const switchboard = await startSwitchboard();
const host = await startBrowserHost({ dataDir: mkdtempSync(join(tmpdir(), 'bench-reconnect-')), headless: true });
const status = () => host.core.state.get().registration.status;
async function until(what: string, done: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what} (last: ${status()})`);
    await sleep(5);
  }
  return Date.now();
}

const reRegistered: number[] = [];
const fromStart: number[] = [];
const detected: number[] = [];
const restored: number[] = [];
try {
  await host.core.session.signIn({ server: switchboard.wsUrl, user: alice.user, password: alice.password });
  await until('first registration', () => status() === 'registered', 15_000);

  for (let i = 0; i < RESTARTS; i++) {
    await switchboard.stopKamailio();
    await until('reconnecting', () => status() === 'reconnecting', 5_000);
    await sleep(2_000 + Math.random() * 2_000);
    const started = Date.now();
    await switchboard.startKamailio();
    const back = Date.now();
    const at = await until('re-registration', () => status() === 'registered', 15_000);
    reRegistered.push(Math.max(0, at - back));
    fromStart.push(at - started);
    log(
      `restart ${i + 1}: registered ${at - started} ms after Kamailio was started, ${at - back} ms after its ports answered`,
    );
  }

  const ports = switchboardPorts(switchboard);
  for (let i = 0; i < CUTS; i++) {
    const cut = cutPorts({ tcp: [ports.ws] });
    const cutAt = Date.now();
    try {
      detected.push((await until('dead connection noticed', () => status() === 'reconnecting', 40_000)) - cutAt);
    } finally {
      cut.restore();
    }
    const restoredAt = Date.now();
    restored.push((await until('registered after restore', () => status() === 'registered', 15_000)) - restoredAt);
    log(`cut ${i + 1}: noticed after ${detected.at(-1)} ms, registered ${restored.at(-1)} ms after restore`);
    await sleep(Math.random() * 3_000);
  }
} finally {
  await host.stop();
  await switchboard.stop();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = ((sorted.length - 1) * p) / 100;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}
const row = (name: string, values: number[]) =>
  [
    name.padEnd(34),
    String(values.length).padStart(3),
    ...[50, 95].map((p) => percentile(values, p)),
    Math.min(...values),
    Math.max(...values),
  ]
    .map((cell, index) => (index < 2 ? String(cell) : (cell as number).toFixed(0).padStart(7)))
    .join('  ');
console.log(['metric'.padEnd(34), '  n', '    p50', '    p95', '    min', '    max'].join('  '));
console.log(row('Kamailio started → registered (ms)', fromStart));
console.log(row('ports answer → registered (ms)', reRegistered));
console.log(row('silent death → noticed (ms)', detected));
console.log(row('path restored → registered (ms)', restored));
const summary = (values: number[]) => ({
  p50: Math.round(percentile(values, 50)),
  p95: Math.round(percentile(values, 95)),
  max: Math.max(...values),
});
console.log(
  JSON.stringify({
    bench: 'reconnect',
    restarts: RESTARTS,
    cuts: CUTS,
    startedToRegisteredMs: summary(fromStart),
    portsAnswerToRegisteredMs: summary(reRegistered),
    deadConnectionNoticedMs: summary(detected),
    restoredToRegisteredMs: summary(restored),
    goals: {
      reRegisteredP95Under3s: percentile(fromStart, 95) < 3_000,
      noticedMaxUnder30s: Math.max(...detected) < 30_000,
    },
  }),
);
