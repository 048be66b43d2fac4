/**
 * bench:chat's internal case (issue 17): BENCH_PEOPLE (1,000) colleagues online, each with the desk's
 * event stream open, in one-to-one chats (pairs); measured: a colleague's POST /v1/chat/internal/{id}/messages
 * until the other's stream has that message (`internal-message`), BENCH_SENDS sends one at a time round the
 * chats, both directions. Same service set-up as the customer case in chat.bench.ts.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chatRoutes } from '../switchboard/provisioning/chat/chat-http.ts';
import { ChatService } from '../switchboard/provisioning/chat/chat-service.ts';
import { systemClock } from '../switchboard/provisioning/clock.ts';
import { openProvisioningDb } from '../switchboard/provisioning/db.ts';
import { close, createProvisioningServer, listen } from '../switchboard/provisioning/http.ts';
import { PresenceService, type DeviceTokens } from '../switchboard/provisioning/presence-service.ts';
import { RecordingCallbackPlacer } from '../switchboard/provisioning/test-support/recording-callback-placer.ts';
import { testProvisioningService } from '../switchboard/provisioning/test-support/test-service.ts';
import { fillCompany } from './directory-data.ts';

type Stats = { p50: number; p95: number; max: number };
type OpenStream = (url: string, token: string, signal: AbortSignal, onBlock: (block: string) => void) => Promise<void>;

export async function benchInternal(
  people: number,
  sends: number,
  dir: string,
  openStream: OpenStream,
  stats: (samples: number[]) => Stats,
) {
  const db = openProvisioningDb(join(dir, `internal-${people}.sqlite`));
  const { companyId } = fillCompany(db, people);
  const ids = db.prepare(`SELECT id FROM people WHERE company_id = ? ORDER BY id`).pluck().all(companyId) as number[];
  // Bench tokens name the person: the sign-in flow is not what is measured here.
  const devices: DeviceTokens = {
    deviceByToken: (token) => ({ deviceId: token, personId: Number(token.slice('bench-person-'.length)), companyId }),
    onDeviceRevoked() {},
    onDeviceSignedIn() {},
  };
  const presence = new PresenceService({ db, clock: systemClock, devices, callbacks: new RecordingCallbackPlacer() });
  const chat = new ChatService({
    db,
    clock: systemClock,
    devices,
    presence,
    limits: { internalMessageBurst: 1e9, internalMessagesPerMinute: 1e9 },
  });
  chat.start();
  const service = testProvisioningService(db, { clock: systemClock }).service;
  const server = createProvisioningServer({ service, routes: chatRoutes({ chat }) });
  const url = await listen(server);
  const abort = new AbortController();
  // 16 characters at least, as a bearer token must be.
  const token = (id: number) => `bench-person-${String(id).padStart(8, '0')}`;

  const waiting = new Map<string, () => void>();
  await Promise.all(
    ids.map((id) =>
      openStream(`${url}/v1/chat/desk/events`, token(id), abort.signal, (block) => {
        if (!block.includes('event: internal-message\n')) return;
        const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as {
          message: { clientId: string | null; mine: boolean };
        };
        if (!data.message.mine && data.message.clientId !== null) waiting.get(data.message.clientId)?.();
      }),
    ),
  );
  const pairs: { id: string; a: number; b: number }[] = [];
  for (let i = 0; i + 1 < ids.length; i += 2) {
    const [a, b] = [ids[i]!, ids[i + 1]!];
    pairs.push({ id: chat.internal.open(token(a), b).conversationId, a, b });
  }

  const deliver: number[] = [];
  for (let i = 0; i < sends; i++) {
    const pair = pairs[i % pairs.length]!;
    const from = Math.floor(i / pairs.length) % 2 === 0 ? pair.a : pair.b;
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
    const response = await fetch(`${url}/v1/chat/internal/${pair.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token(from)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, text: `同事你好 ${i}` }),
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
  return { people, chats: pairs.length, streams, sends, deliverMs: stats(deliver), rssMb };
}
