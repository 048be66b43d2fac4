import { describe, expect, it } from 'vitest';
import { createTestCore } from './test-doubles.ts';

const sip = {
  username: '8001',
  password: 'device-secret',
  domain: '127.0.0.1',
  wsUrl: 'ws://127.0.0.1:5066',
  displayName: '王小明 Wang Xiaoming',
};
const deviceToken = 'device-token-0123456789abcdef';
const email = 'wang.xm@harbor.example';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The provisioning service as the app sees it: each route answers what `answers` says (or a sign-in). */
function fakeService(answers: Record<string, () => Response> = {}, mustChangePassword = false) {
  const requests: { path: string; body: unknown; authorization?: string }[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const authorization = new Headers(init?.headers).get('authorization');
    requests.push({
      path,
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      ...(authorization ? { authorization } : {}),
    });
    const answer = answers[path];
    if (answer) return answer();
    if (path === '/v1/sign-in/password') {
      return json(200, {
        device: { id: 'd1', token: deviceToken },
        sip,
        person: { company: { id: 3, name: 'Harbor Support' } },
        replacedDeviceIds: [],
        mustChangePassword,
        account: { email, role: 'both', teams: ['Billing'] },
      });
    }
    if (path === '/v1/password/change') return json(200, { signedOutDevices: 1 });
    if (path === '/v1/presence') {
      const me = { extension: '8001', status: 'available', ringTarget: 'desk' };
      return json(200, { me, station: { deskPhone: true, ringNumber: '+46701234567' } });
    }
    if (path === '/v1/ring-target') return json(200, { extension: '8001' });
    if (path === '/v1/password/forgot') return json(202, { expiresInSec: 600, resendAfterSec: 60, triesAllowed: 5 });
    return new Response(null, { status: 204 });
  }) as typeof fetch;
  return { fetch: fakeFetch, requests };
}

const registered = (test: ReturnType<typeof createTestCore>) =>
  test.commands.find((c) => c.command === 'register')?.payload;

const station = { role: 'both', team: 'Billing', ringTarget: 'computer', ringNumber: null } as const;

/** The password, then the station step with calls on this computer. */
async function signInThroughStation(test: ReturnType<typeof createTestCore>, remember: boolean) {
  const answer = await test.core.passwordSignIn.signIn(email, 'Harbor7!tide', remember);
  expect(answer).toMatchObject({ ok: true, mustChangePassword: false });
  expect(await test.core.passwordSignIn.chooseStation(station)).toEqual({ ok: true });
}

describe('sign-in by e-mail and password in the core', () => {
  it('a right password signs in with the issued SIP account and tells who signed in', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    const account = { email, role: 'both', teams: ['Billing'] };
    expect(await test.core.passwordSignIn.signIn(email, 'Harbor7!tide', true)).toEqual({
      ok: true,
      mustChangePassword: false,
      account,
      // Where calls ring now and the typed number come from the service; nothing chosen before: the account's role.
      station: {
        account,
        deskPhone: true,
        chosen: { role: 'both', team: null, ringTarget: 'desk', ringNumber: '+46701234567' },
      },
    });
    expect(service.requests[0]).toMatchObject({
      path: '/v1/sign-in/password',
      body: { email, password: 'Harbor7!tide', app: 'desktop' },
    });
    expect(service.requests[1]).toMatchObject({ path: '/v1/presence', authorization: `Bearer ${deviceToken}` });
    // Nothing signs in before the station step.
    expect(registered(test)).toBeUndefined();
    expect(await test.core.passwordSignIn.chooseStation(station)).toEqual({ ok: true });
    expect(service.requests.at(-1)).toEqual({
      path: '/v1/ring-target',
      body: { ringTarget: 'computer' },
      authorization: `Bearer ${deviceToken}`,
    });
    expect(registered(test)).toMatchObject({ user: '8001', password: 'device-secret' });
    expect(test.core.state.get().account).toMatchObject({ user: '8001', email });
  });

  it('a first password signs nothing in until it is changed; then the change uses it and signs in', async () => {
    const service = fakeService({}, true);
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    expect(await test.core.passwordSignIn.signIn(email, 'Mailed-1st-pass', false)).toMatchObject({
      ok: true,
      mustChangePassword: true,
    });
    expect(registered(test)).toBeUndefined();
    expect(test.core.state.get().account).toBeNull();

    expect(await test.core.passwordSignIn.changeFirstPassword('Tide#2027x')).toMatchObject({
      ok: true,
      station: { deskPhone: true },
    });
    expect(service.requests.at(-2)).toEqual({
      path: '/v1/password/change',
      body: { currentPassword: 'Mailed-1st-pass', newPassword: 'Tide#2027x' },
      authorization: `Bearer ${deviceToken}`,
    });
    expect(registered(test)).toBeUndefined();
    expect(await test.core.passwordSignIn.chooseStation(station)).toEqual({ ok: true });
    expect(registered(test)).toMatchObject({ user: '8001' });
  });

  it('a refused password is a result with the code, the tries left and the trace id', async () => {
    const service = fakeService({
      '/v1/sign-in/password': () =>
        json(401, {
          code: 'wrong-password',
          title: 'The e-mail address or the password is not right.',
          triesLeft: 4,
          traceId: '0123456789ab',
        }),
    });
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    expect(await test.core.passwordSignIn.signIn(email, 'nope', false)).toMatchObject({
      ok: false,
      code: 'wrong-password',
      triesLeft: 4,
      traceId: '0123456789ab',
    });
    expect(registered(test)).toBeUndefined();
  });

  it('a new password that breaks rules answers every rule broken', async () => {
    const service = fakeService(
      {
        '/v1/password/change': () =>
          json(422, {
            code: 'password-rules',
            violations: [
              { code: 'no-symbol', message: '…' },
              { code: 'recently-used', message: '…' },
            ],
            traceId: 'abcdefabcdef',
          }),
      },
      true,
    );
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.core.passwordSignIn.signIn(email, 'Mailed-1st-pass', false);
    expect(await test.core.passwordSignIn.changeFirstPassword('Harbor777')).toMatchObject({
      ok: false,
      code: 'password-rules',
      violations: ['no-symbol', 'recently-used'],
    });
    expect(registered(test)).toBeUndefined();
  });

  it('remember me: kept once registered and said where; not ticked: nothing saved', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await signInThroughStation(test, true);
    await test.core.session.onRegistration({ status: 'registered' });
    expect(test.saved()?.provisioned).toMatchObject({ token: deviceToken, companyId: 3, email });
    expect(test.core.state.get().account?.remembered).toBe('keychain');

    const other = createTestCore({ provisioningUrl: 'http://prov.test', fetch: fakeService().fetch });
    await signInThroughStation(other, false);
    await other.core.session.onRegistration({ status: 'registered' });
    expect(other.saved()).toBeNull();
    expect(other.core.state.get().account?.remembered).toBeUndefined();
  });

  it('a store without a keychain makes the account say it was kept weakly', async () => {
    const service = fakeService();
    const test = createTestCore({
      provisioningUrl: 'http://prov.test',
      fetch: service.fetch,
      credentials: { load: () => null, save: () => ({ saved: true, keychain: false }), clear: () => {} },
    });
    await signInThroughStation(test, true);
    await test.core.session.onRegistration({ status: 'registered' });
    expect(test.core.state.get().account?.remembered).toBe('weak');
  });

  it('no encryption at all (no keychain): nothing is saved and the account says so', async () => {
    const service = fakeService();
    const test = createTestCore({
      provisioningUrl: 'http://prov.test',
      fetch: service.fetch,
      credentials: { load: () => null, save: () => ({ saved: false }), clear: () => {} },
    });
    await signInThroughStation(test, true);
    await test.core.session.onRegistration({ status: 'registered' });
    expect(test.core.state.get().account?.remembered).toBe('not-saved');
  });

  it('Change password in Settings goes with the signed-in device; a number sign-in has none to change', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    expect(await test.core.passwordSignIn.changePassword('a', 'b')).toMatchObject({
      ok: false,
      code: 'device-unknown',
    });
    await signInThroughStation(test, false);
    expect(await test.core.passwordSignIn.changePassword('Harbor7!tide', 'Tide#2027x')).toEqual({ ok: true });
    expect(service.requests.at(-1)).toMatchObject({
      path: '/v1/password/change',
      authorization: `Bearer ${deviceToken}`,
    });
  });

  it('forgot password asks for the code in the mail language of the app (Chinese or English)', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.ui('setLanguage', { preference: 'zh-CN' });
    expect(await test.core.passwordSignIn.requestResetCode(email)).toEqual({
      ok: true,
      expiresInSec: 600,
      resendAfterSec: 60,
      triesAllowed: 5,
    });
    await test.ui('setLanguage', { preference: 'sv' });
    await test.core.passwordSignIn.requestResetCode(email);
    expect(service.requests.map((r) => r.body)).toEqual([
      { email, language: 'zh-CN' },
      { email, language: 'en' },
    ]);
    expect(await test.core.passwordSignIn.resetPassword(email, '123456', 'Tide#2027x')).toEqual({ ok: true });
  });

  it('the station step: a typed number goes as E.164, the role and team are preselected at the next sign-in', async () => {
    const service = fakeService();
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: service.fetch });
    await test.core.passwordSignIn.signIn(email, 'Harbor7!tide', false);
    // Checked again in main: a number that is not one, a team the account is not in.
    expect(
      await test.core.passwordSignIn.chooseStation({ ...station, ringTarget: 'number', ringNumber: '12345' }),
    ).toMatchObject({ ok: false, code: 'invalid-number' });
    expect(await test.core.passwordSignIn.chooseStation({ ...station, team: 'Sales' })).toMatchObject({ ok: false });
    expect(registered(test)).toBeUndefined();
    expect(
      await test.core.passwordSignIn.chooseStation({
        ...station,
        ringTarget: 'number',
        ringNumber: '+46 70 123 45 67',
      }),
    ).toEqual({ ok: true });
    expect(service.requests.at(-1)).toMatchObject({
      path: '/v1/ring-target',
      body: { ringTarget: 'number', number: '+46701234567' },
    });

    const again = await test.core.passwordSignIn.signIn(email, 'Harbor7!tide', false);
    expect(again).toMatchObject({ ok: true, station: { chosen: { role: 'both', team: 'Billing' } } });
  });

  it('a station the service refuses, or cannot load, shows its trace id and signs nothing in', async () => {
    const refusing = fakeService({
      '/v1/ring-target': () =>
        json(409, { code: 'no-desk-phone', title: 'Your extension has no desk phone', traceId: '5e5e5e5e5e5e' }),
    });
    const test = createTestCore({ provisioningUrl: 'http://prov.test', fetch: refusing.fetch });
    await test.core.passwordSignIn.signIn(email, 'Harbor7!tide', false);
    expect(await test.core.passwordSignIn.chooseStation({ ...station, ringTarget: 'desk' })).toMatchObject({
      ok: false,
      code: 'no-desk-phone',
      traceId: '5e5e5e5e5e5e',
    });
    expect(registered(test)).toBeUndefined();

    const failing = fakeService({
      '/v1/presence': () => json(500, { code: 'internal', title: 'Internal error', traceId: '0a0b0c0d0e0f' }),
    });
    const other = createTestCore({ provisioningUrl: 'http://prov.test', fetch: failing.fetch });
    expect(await other.core.passwordSignIn.signIn(email, 'Harbor7!tide', false)).toMatchObject({
      ok: false,
      code: 'failed',
      traceId: '0a0b0c0d0e0f',
    });
    expect(registered(other)).toBeUndefined();
  });

  it('without a sign-in server address it says so instead of trying', async () => {
    const test = createTestCore({});
    expect(await test.core.passwordSignIn.signIn(email, 'x', false)).toEqual({ ok: false, code: 'not-configured' });
  });
});
