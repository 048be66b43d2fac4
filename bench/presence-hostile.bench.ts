/**
 * The provisioning service's memory under hostile presence clients (`npm run bench:presence-hostile`,
 * issue 22 "Resource exhaustion"). The service runs in a child process (this file with `serve`) on
 * a company of BENCH_PEOPLE (default 2,000) people; this process then opens BENCH_STREAMS (2,000)
 * event streams, one per device, of which BENCH_NON_READING (100) never read a byte; one device
 * opens BENCH_ONE_DEVICE (1,000) more streams; and BENCH_STORMERS (50) devices send status changes
 * as fast as they are answered for BENCH_STORM_SEC (60 s). The child's resident memory is read from
 * /proc every second: with the limits it stays flat.
 *
 * Prints a line every 5 s and, as its LAST line, one JSON object.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 2000);
const STREAMS = Number(process.env['BENCH_STREAMS'] ?? 2000);
const NON_READING = Number(process.env['BENCH_NON_READING'] ?? 100);
const ONE_DEVICE = Number(process.env['BENCH_ONE_DEVICE'] ?? 1000);
const STORMERS = Number(process.env['BENCH_STORMERS'] ?? 50);
const STORM_SEC = Number(process.env['BENCH_STORM_SEC'] ?? 60);
/** BENCH_NO_RATE_LIMIT=1: every change of the storm is accepted, so only the backlog bound holds memory. */
const NO_RATE_LIMIT = process.env['BENCH_NO_RATE_LIMIT'] === '1';

type ServerReady = { url: string; extensions: string[] };
type ServerCounts = { open: number; evicted: number; refused: number; dropped: number } | null;

/** Child: the real presence service and HTTP routes on a bench company, tokens naming the person. */
async function serve(): Promise<void> {
  const { addCallGroup } = await import('../switchboard/provisioning/call-groups.ts');
  const { systemClock } = await import('../switchboard/provisioning/clock.ts');
  const { openProvisioningDb } = await import('../switchboard/provisioning/db.ts');
  const { createProvisioningServer, listen } = await import('../switchboard/provisioning/http.ts');
  const { presenceRoutes } = await import('../switchboard/provisioning/presence-http.ts');
  const { PresenceService } = await import('../switchboard/provisioning/presence-service.ts');
  const { RecordingCallbackPlacer } =
    await import('../switchboard/provisioning/test-support/recording-callback-placer.ts');
  const { testProvisioningService } = await import('../switchboard/provisioning/test-support/test-service.ts');
  const { fillCompany } = await import('./directory-data.ts');

  const dir = mkdtempSync(join(tmpdir(), 'presence-hostile-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const db = openProvisioningDb(join(dir, 'bench.sqlite'));
  const { companyId } = fillCompany(db, PEOPLE);
  const extensions = db
    .prepare(`SELECT extension FROM people WHERE company_id = ? ORDER BY id`)
    .pluck()
    .all(companyId) as string[];
  addCallGroup(db, companyId, { number: '99', name: 'Hotline', members: extensions.slice(0, 50) });
  const idByExtension = db.prepare(`SELECT id FROM people WHERE extension = ?`).pluck();
  const presence = new PresenceService({
    db,
    clock: systemClock,
    // Bench tokens name the person (one device each): sign-in is not what is measured here.
    devices: {
      deviceByToken(token) {
        return {
          deviceId: token,
          personId: idByExtension.get(token.slice('bench-token-'.length)) as number,
          companyId,
        };
      },
      onDeviceRevoked() {},
      onDeviceSignedIn() {},
    },
    callbacks: new RecordingCallbackPlacer(),
    ...(NO_RATE_LIMIT ? { limits: { changeBurst: 1e9, changesPerMinute: 1e9 } } : {}),
  });
  presence.start();
  const service = testProvisioningService(db, { clock: systemClock }).service;
  const server = createProvisioningServer({ service, routes: presenceRoutes({ presence }) });
  const url = await listen(server);
  // Older copies of the service have no counts: the bench runs against them too, to compare.
  const counts = (): ServerCounts =>
    (presence as unknown as { streamCounts?: () => ServerCounts }).streamCounts?.() ?? null;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  process.on('message', () => {
    const { heapUsed, heapTotal, external } = process.memoryUsage();
    process.send!({ counts: counts(), heap: { used: mb(heapUsed), total: mb(heapTotal), external: mb(external) } });
  });
  process.send!({ url, extensions } satisfies ServerReady);
}

const rssMb = (pid: number): number => {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};

/** Kernel memory of all TCP sockets (what the service handed over but nobody read yet lives there too). */
const tcpKernelMb = (): number => {
  const match = /^TCP: .* mem (\d+)$/m.exec(readFileSync('/proc/net/sockstat', 'utf8'));
  return match ? Math.round((Number(match[1]) * 4096) / 1024 / 1024) : NaN;
};

type ServerState = { counts: ServerCounts; heap: { used: number; total: number; external: number } };

function ask(child: ChildProcess): Promise<ServerState> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as ServerState));
    child.send('counts');
  });
}

/** A stream; `reading` ones consume every byte, the others never read one. */
function openStream(agent: Agent, url: string, token: string, reading: boolean) {
  const state = { open: false, ended: false, bytes: 0, status: 0 };
  const opened = new Promise<void>((resolve) => {
    const req = get(`${url}/v1/presence/events`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      state.status = res.statusCode ?? 0;
      state.open = true;
      if (reading) res.on('data', (chunk: Buffer) => (state.bytes += chunk.length));
      res.on('close', () => (state.ended = true));
      res.on('error', () => (state.ended = true));
      resolve();
    });
    req.on('error', () => {
      state.ended = true;
      resolve();
    });
  });
  return { state, opened };
}

async function storm(url: string, tokens: string[], until: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  const answers = { accepted: 0, limited: 0, other: 0 };
  const put = (token: string, status: string) =>
    new Promise<number>((resolve) => {
      const body = JSON.stringify({ status });
      const req = request(
        `${url}/v1/status`,
        {
          method: 'PUT',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': body.length,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  await Promise.all(
    tokens.map(async (token) => {
      for (let i = 0; Date.now() < until; i += 1) {
        const code = await put(token, i % 2 === 0 ? 'busy' : 'available');
        if (code === 200) answers.accepted += 1;
        else if (code === 429) answers.limited += 1;
        else answers.other += 1;
      }
    }),
  );
  agent.destroy();
  return answers;
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<ServerReady>((resolve) => child.once('message', (m) => resolve(m as ServerReady)));
  const pid = child.pid!;
  const token = (extension: string) => `bench-token-${extension}`;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const samples: number[] = [];
  const sample = () => samples.push(rssMb(pid));
  const rssIdle = rssMb(pid);

  const streams = ready.extensions.slice(0, STREAMS).map((extension, i) => ({
    reading: i < STREAMS - NON_READING,
    ...openStream(agent, ready.url, token(extension), i < STREAMS - NON_READING),
  }));
  await Promise.all(streams.map((s) => s.opened));
  // One device, many streams (only the newest few should stay open).
  const hostileToken = token(ready.extensions[0]!);
  const extra = [];
  for (let i = 0; i < ONE_DEVICE; i += 1) {
    const stream = openStream(agent, ready.url, hostileToken, true);
    await stream.opened;
    extra.push(stream);
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssStart = rssMb(pid);
  const tcpStart = tcpKernelMb();
  sample();
  const startedAt = Date.now();
  const sampler = setInterval(() => {
    sample();
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    if (seconds % 5 === 0) console.log(`${String(seconds).padStart(3)} s | service RSS ${samples.at(-1)} MB`);
  }, 1000);
  const stormers = ready.extensions.slice(STREAMS - NON_READING - STORMERS, STREAMS - NON_READING).map(token);
  const answers = await storm(ready.url, stormers, startedAt + STORM_SEC * 1000);
  clearInterval(sampler);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssEnd = rssMb(pid);
  const tcpEnd = tcpKernelMb();
  samples.push(rssEnd);
  const { counts, heap } = await ask(child);
  // The first stream is the many-streams device's own oldest: its end is the cap, not a drop.
  const readingEnded = streams.slice(1).filter((s) => s.reading && s.state.ended).length;
  const oneDeviceOpen = extra.filter((s) => !s.state.ended).length + (streams[0]!.state.ended ? 0 : 1);
  child.kill();
  agent.destroy();
  const result = {
    bench: 'presence-hostile',
    people: PEOPLE,
    streams: STREAMS,
    non_reading: NON_READING,
    one_device_streams: ONE_DEVICE + 1,
    one_device_open: oneDeviceOpen,
    storm_sec: STORM_SEC,
    rate_limited: !NO_RATE_LIMIT,
    stormers: STORMERS,
    changes_accepted: answers.accepted,
    changes_429: answers.limited,
    changes_other: answers.other,
    rss_mb_idle: rssIdle,
    rss_mb_start: rssStart,
    rss_mb_end: rssEnd,
    rss_mb_max: Math.max(...samples),
    tcp_kernel_mb_start: tcpStart,
    tcp_kernel_mb_end: tcpEnd,
    heap_mb_end: heap,
    drops: counts?.dropped ?? null,
    evicted: counts?.evicted ?? null,
    reading_ended: readingEnded,
    open_at_end: counts?.open ?? null,
    rss_mb_samples: samples,
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

if (process.argv[2] === 'serve') await serve();
else await main();
