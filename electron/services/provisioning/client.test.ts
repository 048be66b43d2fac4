import { describe, expect, it } from 'vitest';
import { ProvisioningClient } from './client.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json', ...headers },
  });

function clientAnswering(response: () => Response | Promise<Response>) {
  const requests: { url: string; body: unknown; authorization?: string }[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const authorization = (init?.headers as Record<string, string> | undefined)?.['authorization'];
    requests.push({
      url: String(url),
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      ...(authorization ? { authorization } : {}),
    });
    return response();
  }) as typeof fetch;
  return { client: new ProvisioningClient({ baseUrl: 'http://prov.test/', fetch: fakeFetch }), requests };
}

describe('ProvisioningClient', () => {
  it('lookup: the companies of a registered number', async () => {
    const { client, requests } = clientAnswering(() =>
      json(200, { mobile: '+8613800138000', companies: [{ id: 1, name: 'Demo', extra: true }] }),
    );
    expect(await client.lookup('+8613800138000')).toEqual({
      ok: true,
      mobile: '+8613800138000',
      companies: [{ id: 1, name: 'Demo' }],
    });
    expect(requests).toEqual([{ url: 'http://prov.test/v1/sign-in/lookup', body: { mobile: '+8613800138000' } }]);
  });

  it('problem+json becomes a code, with triesLeft and retryAfterSec', async () => {
    const notRegistered = clientAnswering(() =>
      json(404, { code: 'number-not-registered', status: 404, title: 'No company has registered this number' }),
    );
    expect(await notRegistered.client.lookup('+8613700000000')).toMatchObject({
      ok: false,
      code: 'number-not-registered',
    });
    const wrong = clientAnswering(() => json(401, { code: 'code-wrong', status: 401, title: 'Wrong', triesLeft: 3 }));
    expect(await wrong.client.verify('+8613800138000', 1, '1234')).toMatchObject({
      ok: false,
      code: 'code-wrong',
      triesLeft: 3,
    });
    const locked = clientAnswering(() =>
      json(429, { code: 'too-many-tries', status: 429, title: 'Locked' }, { 'retry-after': '900' }),
    );
    expect(await locked.client.requestCode('+8613800138000', 1, 'en')).toMatchObject({
      ok: false,
      code: 'too-many-tries',
      retryAfterSec: 900,
    });
  });

  it('device status: active, revoked with the reason, an unknown token counts as revoked', async () => {
    const active = clientAnswering(() => json(200, { deviceId: 'd1', active: true }));
    expect(await active.client.deviceStatus('token-token-token-1')).toEqual({ ok: true, state: 'active' });
    expect(active.requests).toEqual([
      { url: 'http://prov.test/v1/device', body: undefined, authorization: 'Bearer token-token-token-1' },
    ]);
    const replaced = clientAnswering(() => json(200, { deviceId: 'd1', active: false, revokedReason: 'replaced' }));
    expect(await replaced.client.deviceStatus('t'.repeat(20))).toEqual({
      ok: true,
      state: 'revoked',
      reason: 'replaced',
    });
    const unknown = clientAnswering(() => json(401, { code: 'device-unknown', status: 401, title: 'No' }));
    expect(await unknown.client.deviceStatus('t'.repeat(20))).toEqual({ ok: true, state: 'revoked', reason: 'admin' });
    const down = clientAnswering(() => Promise.reject(new Error('ECONNREFUSED')));
    expect(await down.client.deviceStatus('t'.repeat(20))).toMatchObject({ ok: false, code: 'server-unreachable' });
  });

  it('an unknown error code or a body that is not JSON: "failed"', async () => {
    const odd = clientAnswering(() => new Response('<html>bad gateway</html>', { status: 502 }));
    expect(await odd.client.lookup('+8613800138000')).toMatchObject({ ok: false, code: 'failed' });
  });

  it('network failure and timeout: "server-unreachable"', async () => {
    const down = clientAnswering(() => Promise.reject(new TypeError('fetch failed')));
    expect(await down.client.lookup('+8613800138000')).toMatchObject({ ok: false, code: 'server-unreachable' });
    const slow = new ProvisioningClient({
      baseUrl: 'http://prov.test',
      timeoutMs: 20,
      fetch: ((_url: string, init?: RequestInit) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        })) as typeof fetch,
    });
    expect(await slow.lookup('+8613800138000')).toMatchObject({ ok: false, code: 'server-unreachable' });
  });

  it('verify: the SIP account and the device token', async () => {
    const sip = { username: '8001', password: 'p', domain: 'd', wsUrl: 'ws://127.0.0.1:5066', displayName: 'W' };
    const { client } = clientAnswering(() => json(200, { device: { id: 'dev', token: 'tok' }, sip }));
    expect(await client.verify('+8613800138000', 1, '1234')).toEqual({
      ok: true,
      account: { device: { id: 'dev', token: 'tok' }, sip },
    });
    expect(await client.requestCode('+8613800138000', 1, 'zh-CN')).toMatchObject({ ok: false, code: 'failed' });
  });
});
