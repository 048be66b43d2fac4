/**
 * The browser host (static pages and the IPC WebSocket upgrade on one loopback port) under
 * hostile requests while the app is signed in: before issue 22 a `GET /%` or an upgrade to `//`
 * ended the host process, and the app with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { hostileRequests, misbehaviour, sendAll, sendRaw } from '../support/http-fuzz.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';

describe('the browser host under hostile requests', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let port: number;

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    app = await startApp({ switchboard });
    await app.signIn(demoUsers[0]!);
    await app.waitForRegistration('registered');
    port = Number(new URL(app.ui().url()).port);
  });
  afterAll(async () => {
    await app?.host.stop();
    await switchboard?.stop();
  });

  it('answers GET /%, // and an upgrade to // with 400 problem+json', async () => {
    for (const target of ['/%', '//', '/..%2f']) {
      const answer = await sendRaw(port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
      expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
    }
    const upgrade = await sendRaw(
      port,
      Buffer.from(
        `GET // HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    expect(upgrade).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
  });

  it('after 800 hostile requests and upgrades the app is still registered, and a reopened window gets its state', async () => {
    const token = /[#&]token=([^&]+)/.exec(app.ui().url())?.[1] ?? 'none';
    const inputs = [21, 22].flatMap((seed) =>
      hostileRequests(seed, 400, {
        paths: ['/ui/index.html', '/engine/index.html', '/', `/ipc?role=engine&token=${token}`],
        headers: [
          `Origin: http://127.0.0.1:${port}`,
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        ],
      }),
    );
    const results = await sendAll(port, inputs);
    expect(results).toHaveLength(800);
    expect(misbehaviour(results)).toEqual([]);

    expect(app.host.enginePage()).not.toBeNull();
    expect(await app.registrationStatus()).toBe('registered');
    await app.ui().close();
    await app.host.openUiWindow();
    await app.waitForRegistration('registered');
  });
});
