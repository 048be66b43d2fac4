/**
 * The browser host (static pages and the IPC WebSocket upgrade on one loopback port) under
 * hostile requests while the app is signed in: before issue 22 a `GET /%` or an upgrade to `//`
 * ended the host process, and the app with it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { hostileRequests } from '../support/http-fuzz.ts';
import { misbehaviour, sendAll, sendRaw } from '../support/raw-http.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

describe('the browser host under hostile requests', () => {
  const { apps } = useSignedInApps({ apps: { alice: { signIn: { sipAccount: demoUsers[0]! } } } });
  let port: number;

  beforeAll(() => {
    port = Number(new URL(apps.alice.ui().url()).port);
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
    const token = /[#&]token=([^&]+)/.exec(apps.alice.ui().url())?.[1] ?? 'none';
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

    expect(apps.alice.host.enginePage()).not.toBeNull();
    expect(await apps.alice.registrationStatus()).toBe('registered');
    await apps.alice.ui().close();
    await apps.alice.host.openUiWindow();
    await apps.alice.waitForRegistration('registered');
  });
});
