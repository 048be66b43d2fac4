import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hostileRequests } from '../../test/support/http-fuzz.ts';
import { misbehaviour, sendAll, sendRaw } from '../../test/support/raw-http.ts';
import { createHostServer } from './http-guard.ts';
import { attachIpcServer, type IpcServer } from './ipc-server.ts';
import { serveStatic } from './static-files.ts';

const secret = 'host-secret-0123456789abcdef';
const SEEDS = [21, 22];
const PER_SEED = 400;

describe('browser host pages and IPC upgrade under hostile requests', { timeout: 60_000 }, () => {
  let server: Server;
  let ipc: IpcServer;
  let port: number;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'host-fuzz-'));
    await mkdir(join(root, 'ui'));
    await writeFile(join(root, 'ui', 'index.html'), '<!doctype html><title>ui</title>');
    await writeFile(join(tmpdir(), 'host-fuzz-outside.txt'), 'outside');
    server = createHostServer(serveStatic(root));
    ipc = attachIpcServer(server, secret, {
      routes: { ui: async (verb) => ({ ok: true, value: verb }), engine: async () => ({ ok: true, value: undefined }) },
      onUiConnected: () => {},
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    ipc.close();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  const page = async () => (await fetch(`http://127.0.0.1:${port}/ui/index.html`)).status;

  /** A UI page's IPC connection: answers an invoke after whatever came before. */
  const invoke = () =>
    new Promise<unknown>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ipc?role=ui&token=${secret}`, {
        origin: `http://127.0.0.1:${port}`,
      });
      ws.on('open', () => ws.send(JSON.stringify({ t: 'invoke', id: 1, verb: 'ping', payload: null })));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { t: string; result?: unknown };
        if (frame.t === 'result') {
          resolve(frame.result);
          ws.close();
        }
      });
      ws.on('error', reject);
    });

  it.each([
    '//',
    '/%',
    '/%zz',
    '/..%2f',
    '/..%2fhost-fuzz-outside.txt',
    '/ui/%2e%2e/%2e%2e/etc/passwd',
    'http://x/ui/index.html',
    '*',
  ])('answers GET %s with 400 problem+json and keeps serving pages', async (target) => {
    const answer = await sendRaw(port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
    expect(await page()).toBe(200);
  });

  it.each(['//', '/%', '/ipc?role=ui&role=engine', '/ipc?token=%zz'])(
    'refuses a WebSocket upgrade to %s with 400 problem+json and keeps accepting its pages',
    async (target) => {
      const answer = await sendRaw(
        port,
        Buffer.from(
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
            'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        ),
      );
      expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
      expect(await invoke()).toEqual({ ok: true, value: 'ping' });
    },
  );

  it('refuses an upgrade without the secret with 403, and a reset mid-upgrade ends nothing', async () => {
    const refused = await sendRaw(
      port,
      Buffer.from(
        `GET /ipc?role=ui&token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
          'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    expect(refused).toMatchObject({ status: 403, contentType: 'application/problem+json; charset=utf-8' });
    expect(await invoke()).toEqual({ ok: true, value: 'ping' });
  });

  it.each(SEEDS)(
    'seed %i: 400 hostile requests and upgrades get no 5xx and only problem+json refusals',
    async (seed) => {
      const upgrade = [
        `Origin: http://127.0.0.1:${port}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ];
      const inputs = hostileRequests(seed, PER_SEED, {
        paths: ['/ui/index.html', '/', `/ipc?role=ui&token=${secret}`, '/engine/index.html'],
        headers: upgrade,
      });
      const results = await sendAll(port, inputs);
      expect(misbehaviour(results)).toEqual([]);
      expect(await page()).toBe(200);
      expect(await invoke()).toEqual({ ok: true, value: 'ping' });
    },
  );
});
