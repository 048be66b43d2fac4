import { testProvisioningService } from './test-support/test-service.ts';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from './db.ts';
import { demoPeople, seedDemoData } from './demo-data.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import { type SignInLimits } from './service.ts';
import { ManualClock } from './test-support/manual-clock.ts';
import { RecordingCodeCaller } from './test-support/recording-code-caller.ts';

// Hostile: someone who wants to learn which numbers are registered (issue 22, "Sign-in and enumeration").
// Every request goes over HTTP from one TCP peer (127.0.0.1), as a scanner's would.

type Answer = { status: number; body: Record<string, unknown> };

const registered = demoPeople.map((person) => person.mobile);
/** Numbers no company registered, in the same ranges as the registered ones. */
const unregistered = registered.map(
  (mobile) => mobile.slice(0, -4) + String((Number(mobile.slice(-4)) + 4321) % 10_000).padStart(4, '0'),
);

describe('sign-in against a number scanner', () => {
  let db: ProvisioningDb;
  let server: Server;
  let url: string;
  let caller: RecordingCodeCaller;
  let clock: ManualClock;
  let companyId: number;

  const start = async (limits: Partial<SignInLimits> = {}) => {
    const service = testProvisioningService(db, { clock, caller, limits }).service;
    server = createProvisioningServer({ service });
    url = await listen(server);
  };

  beforeEach(async () => {
    db = openProvisioningDb(':memory:');
    clock = new ManualClock();
    caller = new RecordingCodeCaller();
    companyId = seedDemoData(db, clock.now());
    await start();
  });
  afterEach(async () => {
    await close(server);
    db.close();
  });

  const post = async (path: string, body: unknown): Promise<Answer> => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    // Every refusal's trace id is its own by design (it names the log line, not the number): left out here.
    const { traceId: _traceId, ...answer } = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body: answer };
  };
  const askCode = (mobile: string, company = companyId) =>
    post('/v1/sign-in/code', { mobile, companyId: company, language: 'en' });
  const verify = (mobile: string, code: string) => post('/v1/sign-in/verify', { mobile, companyId, code });

  it('answers a code request for a number nobody registered exactly as for a registered one, and phones only the registered', async () => {
    expect(unregistered.filter((mobile) => registered.includes(mobile))).toEqual([]);
    const mixed = registered.slice(0, 8).flatMap((mobile, i) => [mobile, unregistered[i]!]);
    const answers = [];
    for (const mobile of mixed) answers.push(await askCode(mobile));
    // The same status and the same body, byte for byte: nothing to tell the two apart.
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 202, body: { expiresInSec: 300, resendAfterSec: 180, triesAllowed: 5 } });
    expect(caller.calls.map((call) => call.mobile)).toEqual(registered.slice(0, 8));
    // A company the number is not in is the same as a number nobody registered.
    expect(await askCode(registered[9]!, companyId + 1)).toEqual(answers[0]);
    expect(caller.calls).toHaveLength(8);
  });

  it('after the address has used its code requests, every answer is the limit answer, registered or not', async () => {
    const mixed = registered.flatMap((mobile, i) => [mobile, unregistered[i]!]);
    const answers: Answer[] = [];
    for (const mobile of mixed) answers.push(await askCode(mobile));
    // 20 code requests an hour per address (defaultLimits.codeCallsPerAddressPerHour), whoever's number.
    expect(answers.slice(0, 20).every((answer) => answer.status === 202)).toBe(true);
    const refused = answers.slice(20);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(new Set(refused.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(refused[0]).toMatchObject({ status: 429, body: { code: 'rate-limited', retryAfterSec: 3600 } });
  });

  it('the answers after a code request (call me again, wrong codes, lockout) are the same for both', async () => {
    // A guess that is wrong for the registered number's code (and any guess is wrong for a decoy).
    const wrong = () => (caller.calls.at(-1)?.code === '0000' ? '0001' : '0000');
    const story = async (mobile: string) => {
      const told: Answer[] = [await askCode(mobile)];
      clock.advanceSec(60);
      told.push(await askCode(mobile));
      for (let i = 0; i < 6; i++) told.push(await verify(mobile, wrong()));
      told.push(await askCode(mobile));
      clock.advanceSec(15 * 60);
      told.push(await verify(mobile, wrong()), await askCode(mobile));
      return told;
    };
    const knownStory = await story(registered[0]!);
    expect(await story(unregistered[0]!)).toEqual(knownStory);
    expect(knownStory.map((answer) => `${answer.status} ${String(answer.body['code'] ?? '')}`)).toEqual([
      '202 ',
      '429 resend-too-early',
      '401 code-wrong',
      '401 code-wrong',
      '401 code-wrong',
      '401 code-wrong',
      '429 too-many-tries',
      '429 too-many-tries',
      '429 too-many-tries',
      '409 code-not-requested',
      '202 ',
    ]);
    expect(caller.calls.map((call) => call.mobile)).toEqual([registered[0], registered[0]]);
  });

  it('decoys asked in a company the number is not in neither block nor lock the real account', async () => {
    const mobile = registered[0]!;
    const elsewhere = (code: string) =>
      post('/v1/sign-in/verify', { mobile, companyId: companyId + 1, code: code === '0000' ? '0001' : '0000' });
    expect((await askCode(mobile, companyId + 1)).status).toBe(202);
    for (let i = 0; i < 4; i++) expect((await elsewhere('')).body['code']).toBe('code-wrong');
    expect((await elsewhere('')).body['code']).toBe('too-many-tries');
    expect((await askCode(mobile, companyId + 1)).body['code']).toBe('too-many-tries');
    // The owner, at once: phoned, and the heard code signs in.
    expect((await askCode(mobile)).status).toBe(202);
    expect(caller.calls.map((call) => call.mobile)).toEqual([mobile]);
    expect((await verify(mobile, caller.calls[0]!.code)).status).toBe(200);
  });

  it('lookups and code requests share one budget per address: at most 60 numbers an hour, registered or not', async () => {
    const scanned = (i: number) => `+86139${String(10_000_000 + i * 7919).slice(-8)}`;
    const lookups: Answer[] = [];
    for (let i = 0; i < 45; i++) lookups.push(await post('/v1/sign-in/lookup', { mobile: scanned(i) }));
    expect(lookups.every((answer) => answer.status === 404)).toBe(true);
    const codes: Answer[] = [];
    for (let i = 45; i < 65; i++) codes.push(await askCode(i % 2 ? scanned(i) : registered[i % registered.length]!));
    // 45 lookups + 15 code requests = 60 (defaultLimits.lookupsPerAddressPerHour); then only refusals.
    expect(codes.slice(0, 15).every((answer) => answer.status === 202)).toBe(true);
    expect(new Set(codes.slice(15).map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(codes[15]).toMatchObject({ status: 429, body: { code: 'rate-limited' } });
    expect((await post('/v1/sign-in/lookup', { mobile: registered[0] })).status).toBe(429);
    // An hour later the address may ask again.
    clock.advanceSec(3600);
    expect((await post('/v1/sign-in/lookup', { mobile: registered[0] })).status).toBe(200);
  });

  it('a policy refusal (other app signed in) is counted like any request, so it cannot be asked for without limit', async () => {
    await close(server);
    await start({ codeCallsPerAddressPerHour: 3 });
    db.prepare(`UPDATE companies SET desktop_with_mobile = 'not-allowed'`).run();
    const mobile = registered[0]!;
    await askCode(mobile);
    const code = caller.calls.at(-1)!.code;
    expect((await post('/v1/sign-in/verify', { mobile, companyId, code, app: 'mobile' })).status).toBe(200);
    const desktop = () => post('/v1/sign-in/code', { mobile, companyId, language: 'en', app: 'desktop' });
    clock.advanceSec(180);
    expect((await desktop()).body['code']).toBe('other-device-active');
    expect((await desktop()).body['code']).toBe('other-device-active');
    expect((await desktop()).body).toMatchObject({ code: 'rate-limited' });
  });
});
