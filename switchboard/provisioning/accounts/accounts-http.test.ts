import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLog } from '../../log.ts';
import { openProvisioningDb, type ProvisioningDb } from '../db.ts';
import { addPerson, createCompany } from '../directory.ts';
import { close, createProvisioningServer, listen } from '../http.ts';
import type { ProvisioningService } from '../service.ts';
import { RecordingMailer } from '../test-support/recording-mailer.ts';
import { testProvisioningService } from '../test-support/test-service.ts';
import { accountRoutes } from './accounts-http.ts';
import type { ScryptParams } from './password-hash.ts';

const anna = 'anna@example.com';
let db: ProvisioningDb;
let server: Server;

afterEach(async () => {
  await close(server);
  db.close();
});

async function start(scryptParams: ScryptParams, unlimited = false) {
  db = openProvisioningDb(':memory:');
  const companyId = createCompany(db, 'Harbor Support');
  addPerson(db, companyId, { name: 'Anna', mobile: '+8613800138000', extension: '8001' });
  const mailer = new RecordingMailer();
  const log = recordingLog();
  const many = 100_000;
  const { service } = testProvisioningService(db, {
    accountOptions: {
      mailer,
      scryptParams,
      ...(unlimited ? { accountLimits: { wrongPasswordsBeforeLockout: many } } : {}),
    },
    ...(unlimited ? { limits: { wrongCodesPerAddressPerHour: many, wrongCodesPerNumberPerDay: many } } : {}),
  });
  server = createProvisioningServer({ service, log, routes: accountRoutes(service.accounts) });
  const url = await listen(server);
  await service.accounts.admin.create({ companyId, extension: '8001', email: anna, role: 'agent', language: 'en' });
  return { url, service: service as ProvisioningService, mailer, log };
}

async function post(url: string, body: unknown) {
  const res = await fetch(`${url}/v1/sign-in/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

describe('e-mail sign-in over HTTP', () => {
  it('gives every refusal a trace id that the service logs with the route and the reason', async () => {
    const { url, log } = await start({ N: 2 ** 10, r: 8, p: 1, keylen: 32 });
    const answer = await post(url, { email: anna, password: 'Wrong1!x' });
    expect(answer).toMatchObject({ status: 401, body: { code: 'wrong-password' } });
    const traceId = answer.body['traceId'];
    expect(traceId).toMatch(/^[0-9a-f]{12}$/);
    expect(log.lines).toContainEqual({
      level: 'info',
      message: 'provisioning: refused',
      fields: { traceId, method: 'POST', path: '/v1/sign-in/password', status: 401, code: 'wrong-password' },
    });
  });

  it('refuses a body with unknown fields, with a trace id too', async () => {
    const { url } = await start({ N: 2 ** 10, r: 8, p: 1, keylen: 32 });
    const answer = await post(url, { email: anna, password: 'x', admin: true });
    expect(answer).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect(answer.body['traceId']).toMatch(/^[0-9a-f]{12}$/);
  });

  /**
   * Enumeration by time: 20 wrong passwords for a registered e-mail and 20 for one nobody registered,
   * interleaved (so load on this shared machine falls on both alike); the medians must be within a
   * quarter of each other. The cost is 2^14 (some 20–170 ms a hash here, by load): the hash is then
   * most of the answer's time, so a service that skipped it for unknown e-mails would answer those
   * in a fraction of the time, far past the bound, while scheduler noise on the median stays under it.
   */
  it('answers an unknown e-mail in about the time of a known one (medians of 20, within 25%)', async () => {
    const { url } = await start({ N: 2 ** 14, r: 8, p: 1, keylen: 32 }, true);
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (email: string, into: number[]) => {
      const started = performance.now();
      const answer = await post(url, { email, password: 'Wrong1!x' });
      into.push(performance.now() - started);
      return answer;
    };
    // Warm-up, one each (so their try counters stay in step): the first request pays for the set-up.
    await timed(anna, []);
    await timed('nobody@example.com', []);
    for (let i = 0; i < 20; i++) {
      const a = await timed(anna, known);
      const b = await timed(`nobody@example.com`, unknown);
      const { traceId: _a, ...knownBody } = a.body;
      const { traceId: _b, ...unknownBody } = b.body;
      expect(unknownBody).toEqual(knownBody);
    }
    const [k, u] = [median(known), median(unknown)];
    console.log(`enumeration timing: known median ${k.toFixed(1)} ms, unknown median ${u.toFixed(1)} ms`);
    expect(Math.abs(k - u)).toBeLessThan(0.25 * Math.max(k, u));
  }, 60_000);
});
