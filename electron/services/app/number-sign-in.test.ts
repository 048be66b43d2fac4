import { describe, expect, it, vi } from 'vitest';
import { createTestCore } from './test-doubles.ts';

const sip = {
  username: '8001',
  password: 'device-secret',
  domain: '127.0.0.1',
  wsUrl: 'ws://127.0.0.1:5066',
  displayName: '王小明 Wang Xiaoming',
};

const deviceToken = 'device-token-0123456789abcdef';

function fakeService() {
  const requests: { url: string; body: unknown; authorization?: string }[] = [];
  /** What GET /v1/device answers. */
  const device: { status: Record<string, unknown> } = { status: { deviceId: 'd1', active: true } };
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const authorization = new Headers(init?.headers).get('authorization');
    requests.push({
      url: String(url),
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      ...(authorization ? { authorization } : {}),
    });
    if (String(url).endsWith('/v1/sign-out')) return new Response(null, { status: 204 });
    if (String(url).endsWith('/v1/device')) {
      return new Response(JSON.stringify(device.status), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response(JSON.stringify({ device: { id: 'd1', token: deviceToken }, sip }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetch: fakeFetch, requests, device };
}

describe('sign-in by mobile number in the core', () => {
  it('a right code signs in with the issued SIP account, the number sent in E.164', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    expect(await test.core.numberSignIn.verify('138 0013 8000', 1, '1234')).toEqual({ ok: true });
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
    expect(test.core.state.get().registration.status).toBe('connecting');
  });

  it('asks for the voice code in the language the app shows, so a Swedish user hears Swedish', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.ui('setLanguage', { preference: 'sv' });
    await test.core.numberSignIn.requestCode('138 0013 8000', 1);
    expect(service.requests[0]).toMatchObject({
      url: 'http://prov.test/v1/sign-in/code',
      body: { mobile: '+8613800138000', companyId: 1, language: 'sv' },
    });
  });

  it('keeps the device with the account once registered, and Log out retires it at the service', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    expect(test.saved()?.provisioned).toEqual({
      serviceUrl: 'http://prov.test',
      deviceId: 'd1',
      token: deviceToken,
      companyId: 1,
      mobile: '+8613800138000',
    });
    expect(test.core.session.provisionedDevice()?.token).toBe(deviceToken);

    await test.core.session.signOut();
    expect(service.requests.at(-1)).toEqual({
      url: 'http://prov.test/v1/sign-out',
      body: {},
      authorization: `Bearer ${deviceToken}`,
    });
    expect(test.saved()).toBeNull();
    expect(test.core.state.get().registration.status).toBe('signed-out');
  });

  it('Quit keeps the account and the device: nothing is sent to the service, the next start signs in by itself', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    const sent = service.requests.length;
    await test.core.shutdown();
    expect(service.requests).toHaveLength(sent);
    expect(test.saved()?.provisioned?.token).toBe(deviceToken);

    const kept = test.saved()!;
    const next = createTestCore({
      provisioningUrl: 'http://prov.test',
      fetch: service.fetch,
      credentials: { load: () => kept, save: () => {}, clear: () => {} },
    });
    await next.core.start();
    expect(next.commands.find((c) => c.command === 'register')?.payload).toMatchObject({ user: '8001' });
    expect(next.core.session.provisionedDevice()?.deviceId).toBe('d1');
    await next.core.shutdown();
  });

  it('Log out works offline: the account is forgotten even when the service cannot be reached', async () => {
    const service = fakeService();
    let online = true;
    const flakyFetch = ((...args: Parameters<typeof fetch>) =>
      online ? service.fetch(...args) : Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: flakyFetch });
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    online = false;
    await test.core.session.signOut();
    expect(test.saved()).toBeNull();
    expect(test.core.state.get().registration.status).toBe('signed-out');
  });

  it('signed in on another computer: a refused REGISTER asks the service, which says why; the account is forgotten', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    // Still active: a refused REGISTER is shown as it is.
    await test.core.session.onRegistration({ status: 'error', error: 'auth-failed', detail: '401 Unauthorized' });
    expect(test.core.state.get().registration).toMatchObject({ status: 'error', error: 'auth-failed' });
    expect(test.saved()).not.toBeNull();

    service.device.status = { deviceId: 'd1', active: false, revokedReason: 'replaced' };
    await test.core.session.onRegistration({ status: 'error', error: 'auth-failed', detail: '401 Unauthorized' });
    expect(service.requests.at(-1)).toEqual({
      url: 'http://prov.test/v1/device',
      body: undefined,
      authorization: `Bearer ${deviceToken}`,
    });
    expect(test.core.state.get()).toMatchObject({
      account: null,
      registration: { status: 'signed-out', error: 'signed-in-elsewhere' },
    });
    expect(test.saved()).toBeNull();
    expect(test.commands.at(-1)?.command).toBe('unregister');
    expect(test.engineOpen()).toBe(false);
  });

  it('signed out by the administrator: noticed by the periodic check while still registered', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch, deviceCheckMs: 20 });
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    service.device.status = { deviceId: 'd1', active: false, revokedReason: 'admin' };
    await vi.waitFor(() => expect(test.core.state.get().registration.error).toBe('signed-out-by-admin'), {
      timeout: 2000,
    });
    expect(test.core.state.get().account).toBeNull();
    expect(test.saved()).toBeNull();
    const checks = service.requests.filter((r) => r.url.endsWith('/v1/device')).length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Nothing left to watch.
    expect(service.requests.filter((r) => r.url.endsWith('/v1/device')).length).toBe(checks);
  });

  it('the service out of reach: the device stays signed in', async () => {
    const service = fakeService();
    const offline = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    let fetchNow = service.fetch;
    const test = createTestCore({
      provisioningUrl: 'http://prov.test',
      fetch: (...args) => fetchNow(...args),
    });
    await test.core.numberSignIn.verify('13800138000', 1, '1234');
    await test.core.session.onRegistration({ status: 'registered' });
    fetchNow = offline;
    expect(await test.core.session.checkDevice()).toBe(false);
    expect(test.core.state.get().registration.status).toBe('registered');
    await test.core.shutdown();
  });

  it('no provisioning address: "not-configured", nothing sent', async () => {
    const service = fakeService();
    const test = createTestCore({ fetch: service.fetch });
    expect(test.core.preferences.provisioningUrl()).toBe('');
    expect(await test.core.numberSignIn.lookup('13800138000')).toMatchObject({ ok: false, code: 'not-configured' });
    expect(service.requests).toEqual([]);
  });

  it('main refuses an impossible number before it reaches the core', async () => {
    const router = createTestCore({ provisioningUrl: 'http://prov.test' }).ui;
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
