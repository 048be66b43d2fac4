import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests } from '../../test/support/http-fuzz.ts';
import { misbehaviour, sendAll, sendRaw } from '../../test/support/raw-http.ts';
import { recordingLog } from '../log.ts';
import { accountRoutes } from './accounts/accounts-http.ts';
import { demoMobile } from './demo-data.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import { createInternalServer } from './internal-http.ts';
import { presenceRoutes } from './presence-http.ts';
import { chatFixture } from './test-support/chat-fixture.ts';
import { presenceFixture, type PresenceFixture } from './test-support/presence-fixture.ts';

const secret = 'test-secret-0123456789-abcdefghijklmnop';
const SEEDS = [1, 2, 3];
const PER_SEED = 400;

describe('provisioning and presence HTTP under hostile requests', { timeout: 60_000 }, () => {
  let f: PresenceFixture;
  let server: Server;
  let url: string;
  let port: number;
  let token: string;
  const log = recordingLog();

  beforeAll(async () => {
    f = presenceFixture();
    token = await f.signIn('8001');
    server = createProvisioningServer({
      service: f.service,
      routes: { ...presenceRoutes({ presence: f.presence, pingIntervalMs: 50 }), ...accountRoutes(f.service.accounts) },
      log,
    });
    url = await listen(server);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await close(server);
    f.close();
  });

  const health = async () => (await fetch(`${url}/v1/health`)).status;

  it.each(['//', '///', '/%', '/%zz', '/..%2f', '//v1/health', '/v1/directory?since=%'])(
    'answers GET %s with 400 problem+json and goes on serving',
    async (target) => {
      const answer = await sendRaw(port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
      expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid-request', status: 400 });
      expect(await health()).toBe(200);
    },
  );

  it('answers what the HTTP parser refuses as problem+json too (bad chunking, two Content-Lengths, huge headers)', async () => {
    const chunked = await sendRaw(
      port,
      Buffer.from(
        'POST /v1/sign-in/lookup HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ),
    );
    expect(chunked).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
    const headers = await sendRaw(port, Buffer.from(`GET / HTTP/1.1\r\nHost: a\r\nX: ${'x'.repeat(20_000)}\r\n\r\n`));
    expect(headers).toMatchObject({ status: 431, contentType: 'application/problem+json; charset=utf-8' });
    const hosts = await sendRaw(port, Buffer.from('GET /v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'));
    expect(hosts.status).toBe(400);
  });

  it.each(SEEDS)(
    'seed %i: 400 hostile requests get no 5xx, every refusal is problem+json, malformed ones are refused',
    async (seed) => {
      const inputs = hostileRequests(seed, PER_SEED, {
        paths: [
          '/v1/health',
          '/v1/directory?since=0&limit=5',
          '/v1/presence',
          '/v1/device',
          '/internal/route?call=a&from=b&to=c',
        ],
        bodyRoutes: [
          { method: 'POST', path: '/v1/sign-in/lookup' },
          { method: 'POST', path: '/v1/sign-in/code' },
          { method: 'PUT', path: '/v1/status' },
          { method: 'POST', path: '/v1/callback' },
          { method: 'POST', path: '/v1/sign-in/password' },
          { method: 'POST', path: '/v1/password/change' },
          { method: 'POST', path: '/v1/password/forgot' },
          { method: 'POST', path: '/v1/password/reset' },
        ],
        headers: [`Authorization: Bearer ${token}`],
      });
      const results = await sendAll(port, inputs);
      expect(results).toHaveLength(PER_SEED);
      // The internal routes are not served here (their own loopback listener): a 404 like any unknown path.
      expect(misbehaviour(results)).toEqual([]);
      expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
      expect(await health()).toBe(200);
    },
  );

  it("Kamailio's internal listener: 400 hostile requests with the secret get no 5xx and it answers after", async () => {
    const internal = createInternalServer({ presence: f.presence, secret, log });
    const internalPort = Number(new URL(await listen(internal)).port);
    try {
      const inputs = hostileRequests(7, PER_SEED, {
        paths: ['/internal/route?call=a&from=8001&to=8003', '/internal/route/next?call=a&member=8001&outcome=busy'],
        headers: [`X-Switchboard-Secret: ${secret}`],
      });
      const results = await sendAll(internalPort, inputs);
      expect(misbehaviour(results)).toEqual([]);
      expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
      const answer = await sendRaw(
        internalPort,
        Buffer.from(
          `GET /internal/route?call=z&from=8001&to=8003 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Switchboard-Secret: ${secret}\r\n\r\n`,
        ),
      );
      expect(answer.status).toBe(200);
    } finally {
      await close(internal);
    }
  });

  it('after the fuzz a real sign-in, the directory and presence still work', async () => {
    const lookup = await fetch(`${url}/v1/sign-in/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobile: demoMobile }),
    });
    expect(lookup.status).toBe(200);
    const fresh = await f.signIn('8002');
    const directory = await fetch(`${url}/v1/directory?since=0&limit=10`, {
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(directory.status).toBe(200);
    const presence = await fetch(`${url}/v1/presence`, { headers: { authorization: `Bearer ${fresh}` } });
    expect(presence.status).toBe(200);
  });
});

describe('chat HTTP under hostile requests', { timeout: 60_000 }, () => {
  it.each(SEEDS)(
    'seed %i: 400 hostile requests to the visitor and desk routes get no 5xx, refusals are problem+json, chat goes on',
    async (seed) => {
      const f = chatFixture({ settings: { acceptMode: 'auto' } });
      const log = recordingLog();
      const server = createProvisioningServer({ service: f.service, routes: f.chatRoutes(), log });
      const url = await listen(server);
      try {
        const agent = await f.signIn('8001');
        const visit = f.chat.visitors.start({ companyId: f.companyId }, '127.0.0.1');
        const id = visit.conversationId;
        const port = Number(new URL(url).port);
        // Visitor and agent tokens are different headers: each half of the routes gets its own.
        const halves = [
          {
            paths: [`/v1/chat/visits/${id}`, `/v1/chat/visits/${id}/messages?after=0`],
            bodyRoutes: [
              { method: 'POST', path: '/v1/chat/visits' },
              { method: 'POST', path: `/v1/chat/visits/${id}/messages` },
            ],
            headers: [`Authorization: Bearer ${visit.visitorToken}`],
          },
          {
            paths: ['/v1/chat/desk', `/v1/chat/desk/${id}/messages?after=0`],
            bodyRoutes: [
              { method: 'POST', path: `/v1/chat/desk/${id}/messages` },
              { method: 'POST', path: `/v1/chat/desk/${id}/transfer` },
            ],
            headers: [`Authorization: Bearer ${agent}`],
          },
        ];
        for (const [index, target] of halves.entries()) {
          const results = await sendAll(port, hostileRequests(seed * 10 + index, PER_SEED / 2, target));
          expect(misbehaviour(results)).toEqual([]);
        }
        expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
        const after = await fetch(`${url}/v1/chat/visits/${id}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${visit.visitorToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: 'after-fuzz', text: 'still here' }),
        });
        expect([200, 429]).toContain(after.status);
      } finally {
        await close(server);
        f.close();
      }
    },
  );
});
