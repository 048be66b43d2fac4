/**
 * Responsiveness benchmark (`npm run bench:responsiveness`): how long the main process's event loop
 * stalls (perf_hooks.monitorEventLoopDelay) while the app does its heaviest work. The app is built
 * as the hosts build it (composeApp: the real stores, core and IPC routers; only the windows and the
 * engine page are stand-ins) and driven through its routers as the windows and the engine page drive
 * it. The provisioning service runs in a child process (bench/responsiveness-feed.ts) with companies
 * of 100k and 500k people, so serving the feed is not counted as the app's stall.
 *
 * Cases: the app's start with a 1M-call history (before any call can ring), a first directory sync
 * at 100k and at 500k people from registration on (with the lists and a search the window asks for
 * afterwards), a CSV export of a 1M-call history, a storm of history searches as a user
 * types (every keystroke, no debounce, with scrolling), and a call that rings and is answered while
 * all of those run at once. Goal: no stall over 50 ms while a call rings or is connected.
 *
 * BENCH_CALLS (default 1,000,000), BENCH_SIZES (default 100000,500000), BENCH_RESOLUTION_MS (2);
 * BENCH_CALLS_DB=path copies a history made earlier instead of writing one (minutes at 1M);
 * BENCH_CASES=name,… runs only the cases whose names start so (the first sync still runs, unmeasured).
 * Prints a table and, as its LAST line, one JSON object:
 * {"bench":"responsiveness","max_stall_ms":…,"p99_ms":…,"cases":[{name,max_stall_ms,p99_ms,duration_ms,…}]}
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallSnapshot, ProvisionedDevice } from '../src/shared/domain.ts';
import { composeApp, type App } from '../electron/services/app/compose-app.ts';
import { directoryExportTarget } from '../electron/services/call-log/export.ts';
import { NodeSecretBox } from '../electron/services/credentials/index.ts';
import { noUpdateFeed } from '../electron/services/update/updater-port.ts';
import { fillCallLog } from './call-log-data.ts';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 1_000_000);
const SIZES = (process.env['BENCH_SIZES'] ?? '100000,500000').split(',').map(Number);
const RESOLUTION_MS = Number(process.env['BENCH_RESOLUTION_MS'] ?? 2);
const ONLY = process.env['BENCH_CASES']?.split(',');
const TIME_ZONE = 'Asia/Shanghai';
const wanted = (name: string) => !ONLY || ONLY.some((prefix) => name.startsWith(prefix));

type Case = { name: string; max_stall_ms: number; p99_ms: number; duration_ms: number; [extra: string]: unknown };
const round = (x: number) => Math.round(x * 10) / 10;

/** Runs `work` under a fresh event-loop-delay histogram; the numbers are the whole case's. */
async function measure(name: string, work: () => Promise<Record<string, unknown>>): Promise<Case> {
  await sleep(300); // What the previous case left (lists the window asked for, GC) settles first.
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // The histogram's first tick only starts its clock: a case that blocks at once must come after it.
  await sleep(RESOLUTION_MS * 5);
  const start = performance.now();
  const extra = await work();
  const duration = performance.now() - start;
  // A stall that lasts to the end of the work is recorded when the timer next runs.
  await sleep(RESOLUTION_MS * 5);
  histogram.disable();
  const result: Case = {
    name,
    max_stall_ms: round(histogram.max / 1e6),
    p99_ms: round(histogram.percentile(99) / 1e6),
    duration_ms: Math.round(duration),
    ...extra,
  };
  console.log(
    `${name.padEnd(34)} max stall ${String(result.max_stall_ms).padStart(7)} ms  p99 ${String(result.p99_ms).padStart(6)} ms  (${result.duration_ms} ms) ${JSON.stringify(extra)}`,
  );
  return result;
}

type Feed = { devices: Record<string, ProvisionedDevice>; stop: () => void };

async function startFeed(dir: string): Promise<Feed> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'responsiveness-feed.ts'), dir, ...SIZES.map(String)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  // The service runs on another machine in real use: here it must not take the app's cores first.
  if (child.pid) setPriority(child.pid, 10);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the feed process exited (${code})`)));
  });
  return { ...(JSON.parse(line) as Omit<Feed, 'stop'>), stop: () => child.stdin.end() };
}

/** The app as a host builds it; the windows are stand-ins that ask what the real ones ask. */
class BenchApp {
  readonly app: App;
  readonly events: { event: string; payload: unknown }[] = [];
  private waiters: { test: (event: string, payload: unknown) => boolean; resolve: () => void }[] = [];
  readonly engineCommands: { command: string; payload: unknown }[] = [];

  constructor(dataDir: string) {
    const exportTarget = directoryExportTarget(join(dataDir, 'exports'));
    this.app = composeApp({
      dataDir,
      secretBox: new NodeSecretBox(join(dataDir, 'secret.key')),
      systemLocale: () => 'en',
      engineWindow: {
        open: async () => {
          // The page reports `ready` as the real one does, through the engine router.
          setImmediate(() => void this.app.routes.engine('ready', {}));
        },
        close: async () => {},
        send: (command, payload) => void this.engineCommands.push({ command, payload }),
      },
      ui: { broadcast: (event, payload) => this.broadcast(event, payload) },
      callWindow: {
        mainWindowInFront: () => false,
        open: () => {},
        close: () => {},
        showMainWindow: () => {},
        notify: () => {},
      },
      exportTarget,
      diagnosticsTarget: exportTarget,
      updater: noUpdateFeed,
      automaticUpdateChecks: false,
      about: { version: '0.0.0', runtime: 'bench' },
      desktopIntegration: () => ({ setStartAtLogin: () => {}, setLinkHandler: () => {}, setShortcuts: () => [] }),
    });
  }

  ui(verb: string, payload: unknown = {}) {
    return this.app.routes.ui(verb, payload).then((result) => {
      if (!result.ok) throw new Error(`${verb}: ${JSON.stringify(result)}`);
      return result.value;
    });
  }

  engine(event: string, payload: unknown) {
    return this.app.routes.engine(event, payload).then((result) => {
      if (!result.ok) throw new Error(`${event}: ${JSON.stringify(result)}`);
    });
  }

  /** Resolves at the first broadcast `test` accepts. */
  next(test: (event: string, payload: unknown) => boolean): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  private broadcast(event: string, payload: unknown): void {
    this.events.push({ event, payload });
    for (const waiter of [...this.waiters]) {
      if (waiter.test(event, payload)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    // What the windows ask when told something changed.
    if (event === 'directoryChanged') {
      void this.ui('listDepartments');
      void this.ui('listDirectoryPeople', { departmentId: null, offset: 0, limit: 100 });
    }
    if (event === 'callLogChanged') void this.ui('listCallLog', { limit: 50 });
  }

  /** Signs in with a number-provisioned device (the saved account), registered at once. */
  async signIn(device: ProvisionedDevice): Promise<void> {
    this.app.services.credentials.save({
      server: 'ws://127.0.0.1:1',
      user: '1000000',
      password: 'bench',
      provisioned: device,
    });
    await this.app.start();
  }

  directoryReady(): Promise<void> {
    return this.next(
      (event, payload) => event === 'directoryStatus' && (payload as { state: string }).state === 'ready',
    );
  }
}

/** A first directory sync as after sign-in, then what the window asks for: departments, people, a search. */
async function firstSync(bench: BenchApp, n: number, start: () => Promise<unknown>) {
  const ready = bench.directoryReady();
  const t = performance.now();
  await start();
  await ready;
  const syncMs = performance.now() - t;
  await bench.ui('listDepartments');
  await bench.ui('listDirectoryPeople', { departmentId: null, offset: 0, limit: 100 });
  const hits = (await bench.ui('searchDirectory', { query: 'zs' })) as unknown[];
  const status = (await bench.ui('getDirectoryStatus')) as { people: number };
  if (status.people < n * 0.99 || hits.length === 0) throw new Error(`sync incomplete: ${JSON.stringify(status)}`);
  return { people: status.people, sync_ms: Math.round(syncMs) };
}

const TERMS = ['+49301', 'Müller', 'Zoë Kim', '1003', '王', 'Ada Smith', '5550001', 'okafor', 'Li', '4930'];

/** Every keystroke of each term searched (no debounce), 20 ms apart, then two pages scrolled. */
async function searchStorm(bench: BenchApp) {
  const times: number[] = [];
  const searches: Promise<unknown>[] = [];
  const search = (payload: Record<string, unknown>) => {
    const t = performance.now();
    const done = bench.ui('listCallLog', payload).then((page) => {
      times.push(performance.now() - t);
      return page as { startedAt: number; id: string }[];
    });
    searches.push(done);
    return done;
  };
  for (const term of TERMS) {
    for (let k = 1; k <= [...term].length; k++) {
      void search({ limit: 50, search: [...term].slice(0, k).join('') });
      await sleep(20);
    }
    let page = await search({ limit: 50, search: term });
    for (let p = 0; p < 2 && page.length === 50; p++) {
      const last = page.at(-1)!;
      page = await search({ limit: 50, search: term, before: { startedAt: last.startedAt, id: last.id } });
    }
    void search({ limit: 50, search: term, filter: 'missed' });
  }
  await Promise.all(searches);
  times.sort((a, b) => a - b);
  return {
    searches: times.length,
    search_p50_ms: round(times[times.length >> 1]!),
    search_max_ms: round(times.at(-1)!),
  };
}

async function exportHistory(bench: BenchApp, format: 'csv' | 'xlsx') {
  const result = (await bench.ui('exportCallLog', { view: {}, format, timeZone: TIME_ZONE })) as { rows: number };
  return { rows: result.rows };
}

const root = mkdtempSync(join(tmpdir(), 'responsiveness-bench-'));
let feed: Feed | null = null;
const apps: BenchApp[] = [];
try {
  const t = performance.now();
  const feedStarting = startFeed(root);
  const mainDir = join(root, 'app-main');
  mkdirSync(mainDir);
  // BENCH_CALLS_DB: a history made earlier (bench/call-log-data.ts, BENCH_CALLS calls) copied instead of written again.
  const template = process.env['BENCH_CALLS_DB'];
  if (template) copyFileSync(template, join(mainDir, 'calls.sqlite'));
  else fillCallLog(join(mainDir, 'calls.sqlite'), CALLS);
  console.log(`setup: ${CALLS} calls written in ${Math.round(performance.now() - t)} ms`);
  feed = await feedStarting;
  console.log(`setup: feed with ${SIZES.join(', ')} people ready after ${Math.round(performance.now() - t)} ms`);
  const cases: Case[] = [];

  // The main app: the history of 1M calls and the first (smallest) company.
  const main = new BenchApp(mainDir);
  apps.push(main);
  const first = SIZES[0]!;
  // Starting the app (the saved account signs in; the history's housekeeping and missed-call count
  // read a cold 1M-call file) is its own case: no call can ring before the app has registered.
  const startName = `app_start_${CALLS / 1000}k_history`;
  const start = async () => {
    await main.signIn(feed!.devices[first]!);
    return {};
  };
  if (wanted(startName)) cases.push(await measure(startName, start));
  else await start();
  const syncFirst = () => firstSync(main, first, () => main.engine('registration', { status: 'registered' }));
  const firstName = `directory_first_sync_${first / 1000}k`;
  if (wanted(firstName)) cases.push(await measure(firstName, syncFirst));
  else await syncFirst();
  for (const n of SIZES.slice(1)) {
    if (!wanted(`directory_first_sync_${n / 1000}k`)) continue;
    const other = new BenchApp(join(root, `app-${n}`));
    apps.push(other);
    await other.signIn(feed.devices[n]!);
    cases.push(
      await measure(`directory_first_sync_${n / 1000}k`, () =>
        firstSync(other, n, () => other.engine('registration', { status: 'registered' })),
      ),
    );
    await other.app.shutdown();
    await other.app.close();
    apps.pop();
  }
  const exportName = `history_export_${CALLS / 1000}k_csv`;
  if (wanted(exportName)) cases.push(await measure(exportName, () => exportHistory(main, 'csv')));
  if (wanted('history_search_storm')) cases.push(await measure('history_search_storm', () => searchStorm(main)));

  // A call rings and is answered while a first directory sync, an export and a search storm run.
  main.app.core.directory.forget();
  const ringing = 'call_ringing_and_connected_under_load';
  if (wanted(ringing)) {
    cases.push(
      await measure(ringing, async () => {
        const startedAt = Date.now();
        const call: CallSnapshot = {
          id: 'bench-call',
          direction: 'incoming',
          phase: 'incoming',
          remoteNumber: '+4930123456',
          remoteName: 'Bench Caller',
          startedAt,
        };
        await main.engine('call', call);
        const loads = Promise.all([
          firstSync(main, first, () => main.app.core.directory.sync()),
          exportHistory(main, 'csv'),
          searchStorm(main),
        ]);
        await sleep(1500);
        await main.ui('answer', { callId: call.id });
        await main.engine('call', { ...call, phase: 'connected', answeredAt: Date.now() });
        const [sync, exported, storm] = await loads;
        await main.ui('hangup', { callId: call.id });
        await main.engine('call', {
          ...call,
          phase: 'ended',
          answeredAt: startedAt + 1500,
          endedAt: Date.now(),
          outcome: 'answered',
        });
        return { people: sync.people, exported_rows: exported.rows, searches: storm.searches };
      }),
    );
  }

  const worst = cases.reduce((a, b) => (b.max_stall_ms > a.max_stall_ms ? b : a));
  console.log(`worst: ${worst.name} (${worst.max_stall_ms} ms)`);
  console.log(
    JSON.stringify({
      bench: 'responsiveness',
      max_stall_ms: worst.max_stall_ms,
      p99_ms: Math.max(...cases.map((c) => c.p99_ms)),
      cases,
    }),
  );
} finally {
  for (const bench of apps) {
    await bench.app.shutdown().catch(() => {});
    await bench.app.close().catch(() => {});
  }
  feed?.stop();
  rmSync(root, { recursive: true, force: true });
}
