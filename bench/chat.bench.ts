/**
 * Online customer service benchmark (`npm run bench:chat`), on the real provisioning service over
 * loopback HTTP: 100 agents (Available, auto-accept, up to 10 chats each) with their desk event
 * streams open, and 1, then 1,000 (BENCH_CONVERSATIONS) conversations, each visitor with its own
 * event stream open too. Measured: a visitor's POST …/messages until the agent's desk stream has that
 * message (BENCH_SENDS sends, one at a time, round the conversations), and the process's RSS with
 * everything open. Client and service share this process (and its RSS), as in bench:presence.
 *
 * Then the internal case (issue 17, internal-chat-case.ts): BENCH_PEOPLE (1,000) colleagues online in
 * one-to-one chats, a colleague's send until the other's stream has it.
 *
 * Prints a line per size and, as its LAST line, one JSON object for the largest size (with `internal`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chatRoutes } from '../switchboard/provisioning/chat/chat-http.ts';
import { ChatService } from '../switchboard/provisioning/chat/chat-service.ts';
import { addChatGroup, setChatSettings } from '../switchboard/provisioning/chat/chat-settings.ts';
import { systemClock } from '../switchboard/provisioning/clock.ts';
import { openProvisioningDb } from '../switchboard/provisioning/db.ts';
import { close, createProvisioningServer, listen } from '../switchboard/provisioning/http.ts';
import { presenceRoutes } from '../switchboard/provisioning/presence-http.ts';
import { PresenceService, type DeviceTokens } from '../switchboard/provisioning/presence-service.ts';
import { RecordingCallbackPlacer } from '../switchboard/provisioning/test-support/recording-callback-placer.ts';
import { testProvisioningService } from '../switchboard/provisioning/test-support/test-service.ts';
import { fillCompany } from './directory-data.ts';
import { benchInternal } from './internal-chat-case.ts';

const SIZES = (process.env['BENCH_CONVERSATIONS'] ?? '1,1000').split(',').map(Number);
const AGENTS = 100;
const SENDS = Number(process.env['BENCH_SENDS'] ?? 500);
const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 1000);

const round = (ms: number) => Math.round(ms * 100) / 100;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)!) };
}

/** Reads an event stream, calling `onBlock` for each event block; resolves once the first block came. */
async function openStream(url: string, token: string, signal: AbortSignal, onBlock: (block: string) => void) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ready: () => void = () => {};
  const first = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          ready();
          onBlock(block);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await first;
}

async function benchSize(conversations: number, dir: string) {
  const db = openProvisioningDb(join(dir, `chat-${conversations}.sqlite`));
  const { companyId } = fillCompany(db, AGENTS);
  const extensions = db
    .prepare(`SELECT extension FROM people WHERE company_id = ? ORDER BY id`)
    .pluck()
    .all(companyId) as string[];
  addChatGroup(db, companyId, { name: 'Bench desk', members: extensions }, 0);
  setChatSettings(db, companyId, { acceptMode: 'auto', maxOpenPerAgent: 10, queueLimit: 10_000 });
  db.prepare(`UPDATE agent_state SET status = 'available', since = 0, idle_since = 0`).run();
  const idByExtension = db.prepare(`SELECT id FROM people WHERE extension = ?`).pluck();
  // Bench tokens name the person: the sign-in flow is not what is measured here.
  const devices: DeviceTokens = {
    deviceByToken(token) {
      const extension = token.slice('bench-token-'.length);
      return { deviceId: token, personId: idByExtension.get(extension) as number, companyId };
    },
    onDeviceRevoked() {},
    onDeviceSignedIn() {},
  };
  const presence = new PresenceService({ db, clock: systemClock, devices, callbacks: new RecordingCallbackPlacer() });
  const chat = new ChatService({
    db,
    clock: systemClock,
    devices,
    presence,
    limits: { visitBurst: 1e9, visitsPerMinute: 1e9, visitorMessageBurst: 1e9, visitorMessagesPerMinute: 1e9 },
  });
  chat.start();
  const service = testProvisioningService(db, { clock: systemClock }).service;
  const server = createProvisioningServer({
    service,
    routes: { ...presenceRoutes({ presence }), ...chatRoutes({ chat }) },
  });
  const url = await listen(server);
  const abort = new AbortController();

  // clientId → resolve, for the send being timed.
  const waiting = new Map<string, () => void>();
  await Promise.all(
    extensions.map((extension) =>
      openStream(`${url}/v1/chat/desk/events`, `bench-token-${extension}`, abort.signal, (block) => {
        // Message frames start with their `id:` line.
        if (!block.includes('\nevent: message\n')) return;
        const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { message: { clientId: string | null } };
        const id = data.message.clientId;
        if (id !== null) waiting.get(id)?.();
      }),
    ),
  );
  const visits: { id: string; token: string }[] = [];
  for (let i = 0; i < conversations; i++) {
    const response = await fetch(`${url}/v1/chat/visits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ companyId }),
    });
    const body = (await response.json()) as { conversationId: string; visitorToken: string; view: { state: string } };
    if (response.status !== 201 || body.view.state !== 'open') throw new Error(`visit ${i}: ${JSON.stringify(body)}`);
    visits.push({ id: body.conversationId, token: body.visitorToken });
  }
  await Promise.all(
    visits.map((v) => openStream(`${url}/v1/chat/visits/${v.id}/events`, v.token, abort.signal, () => {})),
  );

  const deliver: number[] = [];
  for (let i = 0; i < SENDS; i++) {
    const visit = visits[i % visits.length]!;
    const clientId = `bench-${i}`;
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${clientId} not delivered within 5 s`)), 5000);
      waiting.set(clientId, () => {
        clearTimeout(timer);
        waiting.delete(clientId);
        resolve();
      });
    });
    const t = performance.now();
    const response = await fetch(`${url}/v1/chat/visits/${visit.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${visit.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, text: `你好 ${i}` }),
    });
    if (response.status !== 200) throw new Error(`send ${i}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    await seen;
    deliver.push(performance.now() - t);
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const streams = chat.desk.streams.count();
  abort.abort();
  chat.stop();
  presence.stop();
  await close(server);
  db.close();
  return { conversations, agents: AGENTS, streams, sends: SENDS, deliverMs: stats(deliver), rssMb };
}

const dir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
try {
  const results = [];
  for (const n of SIZES) {
    const result = await benchSize(n, dir);
    results.push(result);
    console.log(
      `${String(n).padStart(5)} conversations, ${AGENTS} agents, ${result.streams} streams | visitor send → agent stream` +
        ` p50 ${result.deliverMs.p50} p95 ${result.deliverMs.p95} max ${result.deliverMs.max} ms | rss ${result.rssMb} MB`,
    );
  }
  const internal = await benchInternal(PEOPLE, SENDS, dir, openStream, stats);
  console.log(
    `${String(internal.people).padStart(5)} people online, ${internal.chats} internal chats | colleague send → colleague's stream` +
      ` p50 ${internal.deliverMs.p50} p95 ${internal.deliverMs.p95} max ${internal.deliverMs.max} ms | rss ${internal.rssMb} MB`,
  );
  const last = results.at(-1)!;
  console.log(
    JSON.stringify({
      bench: 'chat',
      conversations: last.conversations,
      deliver_ms: { p50: last.deliverMs.p50, p95: last.deliverMs.p95 },
      rss_mb: last.rssMb,
      agents: AGENTS,
      sends: SENDS,
      runs: results,
      internal: {
        people: internal.people,
        chats: internal.chats,
        deliver_ms: { p50: internal.deliverMs.p50, p95: internal.deliverMs.p95 },
        rss_mb: internal.rssMb,
      },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
