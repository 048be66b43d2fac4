/**
 * Presence and routing benchmark (`npm run bench:presence`), on the real provisioning service over
 * loopback HTTP, in companies of 1k and 10k people (BENCH_SIZES to choose) with a 50-member hotline:
 * - Kamailio's question per new INVITE: GET /internal/route (a group hunt step; a direct call) and
 *   /internal/route/next, request to answer;
 * - a status change reaching colleagues: PUT /v1/status until each of BENCH_LISTENERS (default 50)
 *   server-sent-event streams has the `presence` event (the issue asks for < 1 s);
 * - the snapshot a (re)connecting app downloads: GET /v1/presence, time and size.
 *
 * Prints a table and, as its LAST line, one JSON object.
 */
import { testProvisioningService } from '../switchboard/provisioning/test-support/test-service.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addCallGroup } from '../switchboard/provisioning/call-groups.ts';
import { systemClock } from '../switchboard/provisioning/clock.ts';
import { openProvisioningDb } from '../switchboard/provisioning/db.ts';
import { close, createProvisioningServer, listen } from '../switchboard/provisioning/http.ts';
import { createInternalServer } from '../switchboard/provisioning/internal-http.ts';
import { presenceRoutes } from '../switchboard/provisioning/presence-http.ts';
import { PresenceService, type DeviceTokens } from '../switchboard/provisioning/presence-service.ts';
import { RecordingCallbackPlacer } from '../switchboard/provisioning/test-support/recording-callback-placer.ts';
import { fillCompany } from './directory-data.ts';

const SIZES = (process.env['BENCH_SIZES'] ?? '1000,10000').split(',').map(Number);
const LISTENERS = Number(process.env['BENCH_LISTENERS'] ?? 50);
const ROUTES = Number(process.env['BENCH_ROUTES'] ?? 500);
const CHANGES = Number(process.env['BENCH_CHANGES'] ?? 100);
const SECRET = randomBytes(24).toString('base64url');

type Stats = { p50: number; p95: number; max: number };
const round = (ms: number) => Math.round(ms * 100) / 100;
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]!) };
}

/** Resolves each time `count` streams have all seen a `presence` event for `extension`. */
async function openStreams(url: string, tokens: string[]) {
  const waiters = new Set<{ extension: string; left: Set<number>; done: () => void }>();
  const controllers: AbortController[] = [];
  await Promise.all(
    tokens.map(async (token, index) => {
      const controller = new AbortController();
      controllers.push(controller);
      const response = await fetch(`${url}/v1/presence/events`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let ready: () => void = () => {};
      const snapshot = new Promise<void>((resolve) => (ready = resolve));
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
              if (block.startsWith('event: snapshot')) ready();
              const match = /^event: presence\ndata: .*"extension":"(\d+)"/.exec(block);
              if (!match) continue;
              for (const waiter of waiters) {
                if (waiter.extension !== match[1]) continue;
                waiter.left.delete(index);
                if (waiter.left.size === 0) {
                  waiters.delete(waiter);
                  waiter.done();
                }
              }
            }
          }
        } catch {
          // aborted at the end
        }
      })();
      await snapshot;
    }),
  );
  return {
    allSee(extension: string): Promise<void> {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`not every stream saw ${extension} change within 5 s`)), 5000);
        waiters.add({
          extension,
          left: new Set(tokens.map((_, i) => i)),
          done: () => {
            clearTimeout(timer);
            done();
          },
        });
      });
    },
    close: () => controllers.forEach((c) => c.abort()),
  };
}

async function benchSize(n: number, dir: string) {
  const db = openProvisioningDb(join(dir, `presence-${n}.sqlite`));
  const { companyId } = fillCompany(db, n);
  const extensions = db
    .prepare(`SELECT extension FROM people WHERE company_id = ? ORDER BY id LIMIT 60`)
    .pluck()
    .all(companyId) as string[];
  const members = extensions.slice(0, 50);
  addCallGroup(db, companyId, { number: '99', name: 'Hotline', members });
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
  presence.start();
  const service = testProvisioningService(db, { clock: systemClock }).service;
  const server = createProvisioningServer({ service, routes: presenceRoutes({ presence }) });
  const url = await listen(server);
  const internalServer = createInternalServer({ presence, secret: SECRET });
  const internalUrl = await listen(internalServer);
  const token = (extension: string) => `bench-token-${extension}`;
  const internal = async (path: string) => {
    const t = performance.now();
    const response = await fetch(`${internalUrl}${path}`, { headers: { 'x-switchboard-secret': SECRET } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`);
    return { ms: performance.now() - t, text };
  };

  const hunt: number[] = [];
  const next: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < ROUTES; i++) {
    const first = await internal(`/internal/route?call=c${i}&from=outside&to=99`);
    hunt.push(first.ms);
    const member = first.text.split(' ')[1]!;
    next.push((await internal(`/internal/route/next?call=c${i}&member=${member}&outcome=canceled`)).ms);
    direct.push((await internal(`/internal/route?call=d${i}&from=${extensions[0]}&to=${extensions[1 + (i % 50)]}`)).ms);
  }

  const streams = await openStreams(url, extensions.slice(0, LISTENERS).map(token));
  const fanOut: number[] = [];
  const changes = new Map<string, number>();
  for (let i = 0; i < CHANGES; i++) {
    const who = extensions[i % extensions.length]!;
    // Each change must be a real change (busy ↔ available), or no event is sent.
    const count = changes.get(who) ?? 0;
    changes.set(who, count + 1);
    const seen = streams.allSee(who);
    const t = performance.now();
    const response = await fetch(`${url}/v1/status`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token(who)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: count % 2 === 0 ? 'busy' : 'available' }),
    });
    await response.text();
    await seen;
    fanOut.push(performance.now() - t);
  }
  streams.close();

  const snapshot: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const response = await fetch(`${url}/v1/presence`, {
      headers: { authorization: `Bearer ${token(extensions[0]!)}` },
    });
    bytes = (await response.arrayBuffer()).byteLength;
    snapshot.push(performance.now() - t);
  }
  presence.stop();
  await Promise.all([close(server), close(internalServer)]);
  db.close();
  return {
    people: n,
    routeHuntMs: stats(hunt),
    routeNextMs: stats(next),
    routeDirectMs: stats(direct),
    presenceToAllMs: stats(fanOut),
    listeners: Math.min(LISTENERS, extensions.length),
    snapshotMs: stats(snapshot),
    snapshotKb: Math.round(bytes / 1024),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'presence-bench-'));
try {
  const results = [];
  for (const n of SIZES) {
    const result = await benchSize(n, dir);
    results.push(result);
    console.log(
      `${String(n).padStart(7)} people | route (hunt) p50 ${result.routeHuntMs.p50} p95 ${result.routeHuntMs.p95} ms` +
        ` | next p50 ${result.routeNextMs.p50} p95 ${result.routeNextMs.p95} ms` +
        ` | direct p50 ${result.routeDirectMs.p50} p95 ${result.routeDirectMs.p95} ms` +
        ` | status → ${result.listeners} streams p50 ${result.presenceToAllMs.p50} p95 ${result.presenceToAllMs.p95} ms` +
        ` | snapshot p50 ${result.snapshotMs.p50} ms, ${result.snapshotKb} KB`,
    );
  }
  console.log(JSON.stringify({ bench: 'presence', routes: ROUTES, changes: CHANGES, results }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
