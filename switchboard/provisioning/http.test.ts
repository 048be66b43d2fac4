import { testProvisioningService } from './test-support/test-service.ts';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from './db.ts';
import { demoMobile, seedDemoData } from './demo-data.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import { ManualClock } from './test-support/manual-clock.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

describe('provisioning HTTP API', () => {
  let db: ProvisioningDb;
  let server: Server;
  let url: string;
  let caller: RecordingCodeCaller;
  let clock: ManualClock;
  let companyId: number;

  beforeEach(async () => {
    db = openProvisioningDb(':memory:');
    clock = new ManualClock();
    caller = new RecordingCodeCaller();
    companyId = seedDemoData(db);
    const service = testProvisioningService(db, { clock, caller }).service;
    server = createProvisioningServer({
      service,
      openApiPath: fileURLToPath(new URL('./openapi.yaml', import.meta.url)),
    });
    url = await listen(server);
  });
  afterEach(async () => {
    await close(server);
    db.close();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  };

  it('signs in end to end: lookup → code → verify → sign out', async () => {
    const lookup = await post('/v1/sign-in/lookup', { mobile: '+86 138 0013 8000' });
    expect(lookup).toMatchObject({ status: 200, body: { mobile: demoMobile, companies: [{ id: companyId }] } });

    const code = await post('/v1/sign-in/code', { mobile: demoMobile, companyId, language: 'en' });
    expect(code).toMatchObject({ status: 202, body: { expiresInSec: 300, resendAfterSec: 180, triesAllowed: 5 } });
    expect(caller.calls[0]).toMatchObject({ mobile: demoMobile, language: 'en' });

    const verify = await post('/v1/sign-in/verify', {
      mobile: demoMobile,
      companyId,
      code: caller.lastCode(demoMobile),
      deviceName: 'Office PC',
    });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ sip: { username: '8001', domain: '127.0.0.1' }, replacedDeviceIds: [] });
    const token = (verify.body!['device'] as { token: string }).token;

    const device = async (authorization: string) => {
      const res = await fetch(`${url}/v1/device`, { headers: { authorization } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await device(`Bearer ${token}`)).toMatchObject({ status: 200, body: { active: true } });
    expect((await post('/v1/sign-out', {}, { authorization: `Bearer ${token}` })).status).toBe(204);
    expect(await device(`Bearer ${token}`)).toMatchObject({
      status: 200,
      body: { active: false, revokedReason: 'signed-out' },
    });
    expect(await device('Basic abc')).toMatchObject({ status: 401, body: { code: 'device-unknown' } });
    expect(await post('/v1/sign-out', {}, { authorization: `Bearer ${token}` })).toMatchObject({
      status: 401,
      body: { code: 'device-unknown' },
    });
  });

  it('answers errors as problem+json with machine codes, tries left and Retry-After', async () => {
    expect(await post('/v1/sign-in/lookup', { mobile: '+8613000000000' })).toMatchObject({
      status: 404,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'urn:switchboard:problem:number-not-registered',
        code: 'number-not-registered',
        title: 'No company has registered this number',
        status: 404,
      },
    });
    await post('/v1/sign-in/code', { mobile: demoMobile, companyId });
    const wrong = caller.lastCode(demoMobile) === '0000' ? '0001' : '0000';
    expect(await post('/v1/sign-in/verify', { mobile: demoMobile, companyId, code: wrong })).toMatchObject({
      status: 401,
      body: { code: 'code-wrong', triesLeft: 4 },
    });
    clock.advanceSec(10);
    expect(await post('/v1/sign-in/code', { mobile: demoMobile, companyId })).toMatchObject({
      status: 429,
      retryAfter: '170',
      body: { code: 'resend-too-early', retryAfterSec: 170 },
    });
    clock.advanceSec(300);
    expect(
      await post('/v1/sign-in/verify', { mobile: demoMobile, companyId, code: caller.lastCode(demoMobile) }),
    ).toMatchObject({ status: 410, body: { code: 'code-expired' } });
  });

  it('refuses malformed requests before they reach the service', async () => {
    expect(await post('/v1/sign-in/lookup', '{nope')).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect(await post('/v1/sign-in/lookup', { mobile: demoMobile, extra: 1 })).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });
    expect(await post('/v1/sign-in/verify', { mobile: demoMobile, companyId, code: '12345' })).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });
    expect(await post('/v1/sign-in/lookup', 'x'.repeat(20_000))).toMatchObject({
      status: 413,
      type: 'application/problem+json; charset=utf-8',
      body: { code: 'body-too-large' },
    });
    expect(await post('/v1/nothing', {})).toMatchObject({ status: 404, body: { code: 'not-found' } });
    const text = await fetch(`${url}/v1/sign-in/lookup`, { method: 'POST', body: '{}' });
    expect(text.status).toBe(400);
    expect(caller.calls).toEqual([]);
  });

  it('serves its OpenAPI document', async () => {
    const res = await fetch(`${url}/openapi.yaml`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^openapi: 3\.1/m);
    for (const path of [
      '/v1/sign-in/lookup:',
      '/v1/sign-in/code:',
      '/v1/sign-in/verify:',
      '/v1/sign-out:',
      '/v1/device:',
    ]) {
      expect(text).toContain(path);
    }
    for (const code of ['number-not-registered', 'code-wrong', 'code-expired', 'too-many-tries', 'rate-limited']) {
      expect(text).toContain(code);
    }
  });
});
