import { describe, expect, it } from 'vitest';
import { createUiRouter } from '../ipc/routers.ts';
import { createTestCore } from './test-doubles.ts';

const sip = {
  username: '8001',
  password: 'device-secret',
  domain: '127.0.0.1',
  wsUrl: 'ws://127.0.0.1:5066',
  displayName: '王小明 Wang Xiaoming',
};

function fakeService() {
  const requests: { url: string; body: unknown }[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify({ device: { id: 'd1', token: 't1' }, sip }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetch: fakeFetch, requests };
}

describe('sign-in by mobile number in the core', () => {
  it('a right code signs in with the issued SIP account, the number sent in E.164', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    expect(await test.core.verifyCode('138 0013 8000', 1, '1234')).toEqual({ ok: true });
    expect(service.requests).toEqual([
      { url: 'http://prov.test/v1/sign-in/verify', body: { mobile: '+8613800138000', companyId: 1, code: '1234' } },
    ]);
    expect(test.commands.find((c) => c.command === 'register')?.payload).toMatchObject({
      server: sip.wsUrl,
      user: '8001',
      password: 'device-secret',
      domain: '127.0.0.1',
      displayName: sip.displayName,
    });
    expect(test.core.getState().registration.status).toBe('connecting');
  });

  it('no provisioning address: "not-configured", nothing sent', async () => {
    const service = fakeService();
    const test = createTestCore({ fetch: service.fetch });
    expect(test.core.provisioningUrl()).toBe('');
    expect(await test.core.lookupNumber('13800138000')).toMatchObject({ ok: false, code: 'not-configured' });
    expect(service.requests).toEqual([]);
  });

  it('main refuses an impossible number before it reaches the core', async () => {
    const router = createUiRouter(createTestCore({ provisioningUrl: 'http://prov.test' }).core);
    expect(await router('lookupNumber', { mobile: '12345' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await router('verifyCode', { mobile: '13800138000', companyId: 1, code: '12a4' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });
});
