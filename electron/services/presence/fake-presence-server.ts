/**
 * A stand-in for the provisioning service's presence API on a real loopback HTTP server (for unit tests of
 * the client and AppCore): streams what the test writes, records the requests, answers as the contract says.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_AGENT_POLICY,
  type AgentPolicy,
  type GroupPresence,
  type Presence,
  type PresenceSnapshot,
} from '../../../src/shared/presence.ts';

export const FAKE_TOKEN = 'device-token-0123456789';

export function presence(extension: string, patch: Partial<Presence> = {}): Presence {
  return {
    extension,
    status: 'available',
    reason: null,
    since: 1,
    acwUntil: null,
    idleSince: 1,
    ringTarget: 'computer',
    ...patch,
  };
}

export type FakeRequest = { method: string; path: string; body: unknown; auth: string | undefined };

export async function startFakePresenceServer(
  options: {
    me?: string;
    meStatus?: Presence['status'];
    people?: Presence[];
    groups?: GroupPresence[];
    deskPhones?: PresenceSnapshot['deskPhones'];
    /** The service's clock runs this far ahead of the app's. */
    clockSkewMs?: number;
    /** The own snapshot's station (the e-mail sign-in's desk phone and typed number). */
    station?: PresenceSnapshot['station'];
    /** The company's policy, over the defaults (wrap-up codes, say). */
    policy?: Partial<AgentPolicy>;
  } = {},
) {
  const meExt = options.me ?? '2001';
  const serverNow = () => Date.now() + (options.clockSkewMs ?? 0);
  let me = presence(meExt, { status: options.meStatus ?? 'available' });
  const people = new Map<string, Presence>((options.people ?? []).map((p) => [p.extension, p]));
  people.set(meExt, me);
  const groups = options.groups ?? [];
  const streams = new Set<ServerResponse>();
  const requests: FakeRequest[] = [];
  let connections = 0;
  let nextProblem: { status: number; code: string; title: string } | null = null;

  const snapshot = (): PresenceSnapshot => ({
    me,
    station: options.station ?? { deskPhone: false, ringNumber: null },
    policy: { ...DEFAULT_AGENT_POLICY, ...options.policy },
    people: [...people.values()],
    groups,
    deskPhones: options.deskPhones ?? [],
    at: serverNow(),
  });
  const send = (event: string, data: unknown) => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const update = (next: Presence) => {
    people.set(next.extension, next);
    if (next.extension === meExt) me = next;
    send('presence', next);
  };

  const server = createServer((req, res) => {
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${FAKE_TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ code: 'unauthorized', title: 'Sign in again' }));
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/presence/events') {
      connections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': hello\n\n');
      res.write(`event: snapshot\ndata: ${JSON.stringify(snapshot())}\n\n`);
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body: unknown = raw ? JSON.parse(raw) : null;
      requests.push({ method: req.method ?? '', path: req.url ?? '', body, auth });
      const answer = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (nextProblem) {
        const problem = nextProblem;
        nextProblem = null;
        return answer(problem.status, { code: problem.code, title: problem.title });
      }
      const input = body as { status?: Presence['status']; reason?: string; ringTarget?: Presence['ringTarget'] };
      if (req.method === 'PUT' && req.url === '/v1/status') {
        const now = serverNow();
        update({
          ...me,
          status: input.status!,
          reason: input.reason ?? null,
          since: now,
          acwUntil: input.status === 'after-call-work' ? (me.acwUntil ?? now) + 30_000 : null,
        });
        return answer(200, me);
      }
      if (req.method === 'PUT' && req.url === '/v1/ring-target') {
        update({ ...me, ringTarget: input.ringTarget! });
        return answer(200, me);
      }
      if (req.method === 'POST' && req.url === '/v1/callback') {
        if (me.ringTarget === 'computer')
          return answer(409, { code: 'not-in-mobile-mode', title: 'Not in mobile mode' });
        return answer(202, { callbackId: 'cb-1' });
      }
      answer(404, { code: 'not-found', title: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    me: () => me,
    connections: () => connections,
    /** Someone's status changed on the server (another app, a ring-out). */
    push: update,
    pushGroup: (group: GroupPresence) => send('group', group),
    pushRaw: (text: string) => {
      for (const stream of streams) stream.write(text);
    },
    /** The service restarts or the network drops: every open stream ends. */
    dropStreams: () => {
      for (const stream of streams) stream.destroy();
      streams.clear();
    },
    failNext: (status: number, code: string, title: string) => (nextProblem = { status, code, title }),
    close: async () => {
      for (const stream of streams) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FakePresenceServer = Awaited<ReturnType<typeof startFakePresenceServer>>;
