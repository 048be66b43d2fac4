/**
 * Footprint benchmark (`npm run bench:footprint`): how fast the app starts and how much memory it
 * holds, measured from outside as a user (or `top`) would, on the browser host against the real
 * reference switchboard (Kamailio + rtpengine) in a loopback-only netns.
 *
 * The app runs in its own process (bench/footprint-app.ts), so:
 * - cold start = spawning `node` on a saved account → the UI window painted (registration badge
 *   shown) → the badge says registered; BENCH_STARTS (default 5) starts, percentiles of those. It
 *   includes launching Chromium, which the browser host does itself (while Node loads the app's
 *   modules); `cold_start_excl_chromium_ms` subtracts the time the start then still waited for it
 *   (Chromium already running, as the budget asks), and the table splits out the steps.
 * - memory = total PSS (/proc/PID/smaps_rollup) of the app's Node process and every process it
 *   started (the Chromium browser, renderers, GPU, network and audio/capture utilities), in four states:
 *   `open`: signed in, the window open, settled; `tray`: the window closed to the tray, settled;
 *   `after_100_calls`: BENCH_CALLS (default 100) calls made with the window open, each answered by a
 *   baresip line and hung up, then closed to the tray again (so it compares with `tray`);
 *   `idle_8h`: 8 hours of idle compressed, in the tray: the engine's WebSocket keepalive pings every
 *   BENCH_KEEPALIVE_MS (default 20) instead of every 10 s quiet, so BENCH_IDLE_MS (default 60 s)
 *   holds the 2,880 pings of 8 h; meanwhile 9,600 colleague presence changes (200 people, one
 *   change each per 10 minutes for 8 h) go through the agent service's store as the stream delivers them.
 *   Re-REGISTERs (every ~10 min) are not compressed: 48 in 8 h, each one SIP transaction.
 * - growth_per_call_kb = (PSS after the calls − PSS after one first call, both with the window open) / calls;
 *   the first call's one-off cost (Chromium starts its audio service then) is `first_call_mb`.
 * BENCH_BEFORE_TREE=<another checkout> alternates its cold starts with ours (same data, same load), for a
 * before/after comparison on a machine whose load varies.
 * Each memory figure is the median of 3 samples 1 s apart, after BENCH_SETTLE_MS (default 5000).
 *
 * Prints a table and, as its LAST line, one JSON object:
 * {"bench":"footprint","cold_start_ms":{p50,p95},"pss_mb":{open,tray,after_100_calls,idle_8h},"growth_per_call_kb":…,…}
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { ensureRendererPages } from '../scripts/renderer-pages.ts';
import { demoUsers, startBaresip, startSwitchboard, type SwitchboardUser } from '../switchboard/index.ts';
import { treeMemory, type ProcessMemory } from '../electron/services/about/process-memory.ts';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const KEEPALIVE_MS = Number(process.env.BENCH_KEEPALIVE_MS ?? 20);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 60_000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const PRESENCE_CHANGES = 9600;
const APP = join(import.meta.dirname, 'footprint-app.ts');
/** Another checkout (e.g. the code before a change) whose cold starts alternate with ours, under the same load. */
const BEFORE_TREE = process.env.BENCH_BEFORE_TREE;

const log = (line: string) => console.error(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value * 10) / 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}
const summary = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) });

/** A running footprint-app.ts: its marks (epoch ms) and a command channel. */
class AppProcess {
  readonly marks = new Map<string, number>();
  private readonly lines: Interface;
  private readonly waiting: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  readonly spawnedAt = Date.now();
  readonly child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.child = child;
    this.lines = createInterface({ input: child.stdout! });
    this.lines.on('line', (line) => {
      const [what, at] = line.split(' ');
      if (what && at && /^\d+$/.test(at)) this.marks.set(what, Number(at));
      const waiter = this.waiting.find((w) => line.startsWith(w.prefix) || line.startsWith('failed'));
      if (waiter) {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    });
  }

  static launch(dataDir: string, keepaliveMs: number, fresh = false, app = APP): AppProcess {
    const child = spawn(process.execPath, [app, dataDir, String(keepaliveMs), ...(fresh ? ['fresh'] : [])], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    return new AppProcess(child);
  }

  next(prefix: string, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for "${prefix}"`)), timeoutMs);
      this.waiting.push({
        prefix,
        resolve: (line) => {
          clearTimeout(timer);
          if (line.startsWith('failed')) reject(new Error(line));
          else resolve(line);
        },
      });
      this.child.once('exit', (code) => reject(new Error(`the app exited (${code}) waiting for "${prefix}"`)));
    });
  }

  async command(line: string, timeoutMs = 600_000): Promise<void> {
    const name = line.split(' ')[0]!;
    const done = this.next(`done ${name}`, timeoutMs);
    this.child.stdin!.write(`${line}\n`);
    await done;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.write('stop\n');
    await Promise.race([exited, sleep(10_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

const totalMb = (processes: ProcessMemory[]) => processes.reduce((sum, p) => sum + p.pssKb, 0) / 1024;

/** The median of 3 samples 1 s apart, after settling; the last sample's processes for the breakdown. */
async function measure(app: AppProcess, state: string): Promise<{ mb: number; processes: ProcessMemory[] }> {
  await sleep(SETTLE_MS);
  const samples: ProcessMemory[][] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(1000);
    samples.push(treeMemory(app.child.pid!));
  }
  const mb = round(percentile(samples.map(totalMb), 50));
  const processes = samples.at(-1)!;
  const byKind = new Map<string, number>();
  for (const p of processes) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + p.pssKb);
  log(
    `${state.padEnd(16)} ${String(mb).padStart(7)} MB PSS in ${processes.length} processes: ` +
      [...byKind].map(([kind, kb]) => `${kind} ${round(kb / 1024)}`).join(', '),
  );
  return { mb, processes };
}

const [alice, , desk] = demoUsers as [SwitchboardUser, SwitchboardUser, SwitchboardUser];

async function main(): Promise<void> {
  await ensureRendererPages();
  const switchboard = await startSwitchboard({ users: demoUsers });
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-footprint-'));
  const apps = new Set<AppProcess>();
  const farEnd = await startBaresip({ switchboard, user: desk, autoAnswer: true });
  try {
    await farEnd.waitForRegistered();
    // The account is saved once, through a first start; every measured start signs in with it.
    const first = AppProcess.launch(dataDir, 0, true);
    apps.add(first);
    await first.next('ready');
    await first.command(
      `signin ${JSON.stringify({ server: switchboard.wsUrl, user: alice.user, password: alice.password, displayName: alice.displayName })}`,
    );
    await first.stop();
    apps.delete(first);

    const coldStart = async (app: AppProcess): Promise<Record<string, number>> => {
      apps.add(app);
      await app.next('ready');
      const m = (what: string) => app.marks.get(what)! - app.spawnedAt;
      const chromium = app.marks.get('chromium')! - app.marks.get('composed')!;
      const times = {
        node_up: m('launched'),
        modules: app.marks.get('imported')! - app.marks.get('launched')!,
        composed: m('composed'),
        chromium,
        started: m('started'),
        window: m('window'),
        painted: m('painted'),
        registered: m('registered'),
        registered_excl_chromium: m('registered') - chromium,
      };
      await app.stop();
      apps.delete(app);
      return times;
    };
    const starts: Array<Record<string, number>> = [];
    const beforeStarts: Array<Record<string, number>> = [];
    for (let i = 0; i < STARTS; i++) {
      starts.push(await coldStart(AppProcess.launch(dataDir, 0)));
      log(`start ${i + 1}: ${JSON.stringify(starts.at(-1))}`);
      if (!BEFORE_TREE) continue;
      beforeStarts.push(
        await coldStart(AppProcess.launch(dataDir, 0, false, join(BEFORE_TREE, 'bench/footprint-app.ts'))),
      );
      log(`start ${i + 1} of ${BEFORE_TREE}: ${JSON.stringify(beforeStarts.at(-1))}`);
    }
    const column = (key: string, from = starts) => from.map((s) => s[key]!);

    const app = AppProcess.launch(dataDir, KEEPALIVE_MS);
    apps.add(app);
    await app.next('ready');
    const open = await measure(app, 'open');
    await app.command('close-ui');
    const tray = await measure(app, 'tray');
    await app.command('open-ui');
    const openAgain = await measure(app, 'open, again');
    // The first call starts what stays for the app's life (Chromium's audio service, WebRTC's threads):
    // a one-off cost, counted apart from the growth over the calls after it.
    await app.command(`calls 1 ${desk.user}`);
    const beforeCalls = await measure(app, 'open, 1 call');
    log(`${CALLS} calls to ${desk.user} (baresip answers)`);
    const callsStarted = Date.now();
    await app.command(`calls ${CALLS} ${desk.user}`);
    log(`calls took ${Math.round((Date.now() - callsStarted) / 1000)} s`);
    const afterCallsOpen = await measure(app, 'calls, open');
    await app.command('close-ui');
    const afterCalls = await measure(app, 'calls, tray');
    log(
      `8 h idle compressed into ${IDLE_MS / 1000} s: keepalive every ${KEEPALIVE_MS} ms, ${PRESENCE_CHANGES} presence changes`,
    );
    await Promise.all([app.command(`presence ${PRESENCE_CHANGES} ${IDLE_MS}`), app.command(`idle ${IDLE_MS}`)]);
    const idle = await measure(app, 'idle 8 h, tray');
    await app.stop();
    apps.delete(app);

    const rows: Array<[string, number[]]> = [
      ['node up (spawn → first line of our code)', column('node_up')],
      ['  module loading (browser host imports)', column('modules')],
      ['stores and services composed', column('composed')],
      ['  Chromium launch (browser + context)', column('chromium')],
      ['engine started (app.start: engine page, register sent)', column('started')],
      ['UI window loaded', column('window')],
      ['window painted (registration badge shown)', column('painted')],
      ['registered (badge says registered)', column('registered')],
      ['registered, Chromium launch excluded', column('registered_excl_chromium')],
    ];
    console.log('');
    console.log(`Footprint: ${STARTS} cold starts (ms after spawning node; median, min, max)`);
    for (const [name, values] of rows)
      console.log(
        `  ${name.padEnd(56)} ${String(round(percentile(values, 50))).padStart(7)} ${String(Math.min(...values)).padStart(6)} ${String(Math.max(...values)).padStart(6)}`,
      );
    if (BEFORE_TREE) {
      console.log(`The same, alternating with ${BEFORE_TREE}'s starts (median, min, max):`);
      for (const [name, key] of [
        ['  module loading', 'modules'],
        ['  window painted', 'painted'],
        ['  registered', 'registered'],
        ['  registered, Chromium launch excluded', 'registered_excl_chromium'],
      ] as const) {
        const values = column(key, beforeStarts);
        console.log(
          `  ${name.padEnd(56)} ${String(round(percentile(values, 50))).padStart(7)} ${String(Math.min(...values)).padStart(6)} ${String(Math.max(...values)).padStart(6)}`,
        );
      }
    }
    console.log('Total PSS of the app (Node + every Chromium process), MB:');
    for (const [name, value] of [
      ['window open', open.mb],
      ['closed to the tray', tray.mb],
      ['window open again', openAgain.mb],
      ['window open after its first call', beforeCalls.mb],
      [`window open after ${CALLS} calls`, afterCallsOpen.mb],
      [`tray after ${CALLS} calls`, afterCalls.mb],
      ['tray after 8 h idle (compressed)', idle.mb],
    ] as const)
      console.log(`  ${name.padEnd(56)} ${String(value).padStart(7)}`);
    console.log(
      JSON.stringify({
        bench: 'footprint',
        cold_start_ms: summary(column('registered')),
        cold_start_excl_chromium_ms: summary(column('registered_excl_chromium')),
        painted_ms: summary(column('painted')),
        module_load_ms: summary(column('modules')),
        pss_mb: { open: open.mb, tray: tray.mb, after_100_calls: afterCalls.mb, idle_8h: idle.mb },
        growth_per_call_kb: round(((afterCallsOpen.mb - beforeCalls.mb) * 1024) / CALLS),
        first_call_mb: round(beforeCalls.mb - openAgain.mb),
        calls: CALLS,
        ...(BEFORE_TREE
          ? {
              before_cold_start_ms: summary(column('registered', beforeStarts)),
              before_cold_start_excl_chromium_ms: summary(column('registered_excl_chromium', beforeStarts)),
            }
          : {}),
      }),
    );
  } finally {
    await Promise.allSettled([...apps].map((app) => app.stop()));
    await farEnd.stop().catch(() => {});
    await switchboard.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
