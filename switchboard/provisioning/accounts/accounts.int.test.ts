import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLog } from '../../log.ts';
import { startSwitchboard, type RunningSwitchboard } from '../../switchboard.ts';
import { runAdmin } from '../admin-commands.ts';
import { ManualClock } from '../test-support/manual-clock.ts';
import type { MailCatcher } from './mail-catcher.ts';

// The whole account story through the real provisioning service over HTTP on 127.0.0.1 (with Kamailio
// holding the SIP accounts) and the real local SMTP catcher; the account is made with the admin CLI.
const anna = 'anna@example.com';

type Answer = { status: number; body: Record<string, unknown> };

describe('contact-center accounts with the real switchboard and mail catcher', () => {
  let switchboard: RunningSwitchboard;
  let catcher: MailCatcher;
  const log = recordingLog();
  // Real time for Kamailio; a manual clock for the account rules (the minute between reset codes).
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    switchboard = await startSwitchboard({
      log,
      // 2^14: the flow hashes some thirty times; the cost itself is measured in accounts-http.test.ts.
      provisioning: { clock, accountOptions: { scryptParams: { N: 2 ** 14, r: 8, p: 1, keylen: 32 } } },
    });
    catcher = switchboard.mailCatcher!.catcher;
  });
  afterAll(async () => {
    await switchboard?.stop();
  });

  const request = async (method: string, path: string, body?: unknown, token?: string): Promise<Answer> => {
    const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const post = (path: string, body: unknown, token?: string) => request('POST', path, body, token);
  const signIn = (password: string, app: 'desktop' | 'mobile' = 'desktop') =>
    post('/v1/sign-in/password', { email: anna, password, deviceName: `Anna's ${app}`, app });
  const withoutTrace = ({ traceId: _traceId, ...rest }: Record<string, unknown>) => rest;
  const mailTo = async (to: string, after: number) =>
    catcher.waitFor((mail) => mail.to.includes(to) && mail.receivedAt >= after);

  let firstPassword = '';
  let desktopToken = '';
  let mobileToken = '';

  it('admin creates an account with the CLI and the first password arrives by mail', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await runAdmin(['--run-dir', switchboard.runDir, 'list-companies'], io)).toBe(0);
    const companyId = out[0]!.split('\t')[0]!;
    const code = await runAdmin(
      ['--run-dir', switchboard.runDir, 'add-account', companyId, '8001', anna, '--role', 'both', '--language', 'en'],
      io,
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const mail = await mailTo(anna, 0);
    expect(mail.subject).toMatch(/your Switchboard account/);
    firstPassword = /Your password: (\S+)/.exec(mail.text)![1]!;
    expect(firstPassword).toHaveLength(14);
  });

  it('answers an unknown e-mail exactly like a known one with a wrong password, and mails it nothing', async () => {
    const known = await post('/v1/sign-in/password', { email: anna, password: 'Wrong1!pass' });
    const unknown = await post('/v1/sign-in/password', { email: 'nobody@example.com', password: 'Wrong1!pass' });
    expect(known.status).toBe(401);
    expect({ status: unknown.status, body: withoutTrace(unknown.body) }).toEqual({
      status: known.status,
      body: withoutTrace(known.body),
    });
    const forgotUnknown = await post('/v1/password/forgot', { email: 'nobody@example.com', language: 'en' });
    expect(forgotUnknown).toEqual({ status: 202, body: { expiresInSec: 600, resendAfterSec: 60, triesAllowed: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(catcher.mails().filter((mail) => mail.to.includes('nobody@example.com'))).toEqual([]);
  });

  it('logs the trace id a refusal carries, so the administrator can find it', async () => {
    const refused = await post('/v1/sign-in/password', { email: 'nobody@example.com', password: 'x' });
    const traceId = refused.body['traceId'];
    expect(log.lines.find((line) => line.fields['traceId'] === traceId)).toMatchObject({
      message: 'provisioning: refused',
      fields: { path: '/v1/sign-in/password', code: 'wrong-password' },
    });
  });

  it('says at the first sign-in that the password must change, and gives SIP credentials', async () => {
    const first = await signIn(firstPassword);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      mustChangePassword: true,
      account: { email: anna, role: 'both', teams: [] },
      sip: { username: '8001' },
    });
    desktopToken = (first.body['device'] as { token: string }).token;
    // Nothing but the change opens until the first password is changed.
    expect((await request('GET', '/v1/directory', undefined, desktopToken)).body).toMatchObject({
      status: 403,
      code: 'password-change-required',
    });
    const mobile = await signIn(firstPassword, 'mobile');
    mobileToken = (mobile.body['device'] as { token: string }).token;
    expect((await request('GET', '/v1/device', undefined, mobileToken)).body).toMatchObject({ active: true });
  });

  it('explains each rule a new password breaks', async () => {
    const violations = async (newPassword: string) => {
      const answer = await post('/v1/password/change', { currentPassword: firstPassword, newPassword }, desktopToken);
      expect(answer.status).toBe(422);
      const listed = answer.body['violations'] as { code: string; message: string }[];
      for (const violation of listed) expect(violation.message.length).toBeGreaterThan(10);
      return listed.map((violation) => violation.code);
    };
    expect(await violations('Hb7!')).toEqual(['too-short']);
    expect(await violations('Harbor7!Harbor7!Harbor7!')).toEqual(['too-long']);
    expect(await violations('1234567!')).toEqual(['no-letter']);
    expect(await violations('Harborside!')).toEqual(['no-digit']);
    expect(await violations('Harbor777')).toEqual(['no-symbol']);
    expect(await violations('Harbor 7!x')).toEqual(['has-whitespace']);
    expect(await violations('Anna2026!')).toEqual(['contains-email-name']);
    expect(await violations(firstPassword)).toEqual(['recently-used']);
  });

  it('changes the password: the other device is signed out and the old password no longer works', async () => {
    const changed = await post(
      '/v1/password/change',
      { currentPassword: firstPassword, newPassword: 'Harbor7!' },
      desktopToken,
    );
    expect(changed).toEqual({ status: 200, body: { signedOutDevices: 1 } });
    expect((await request('GET', '/v1/device', undefined, mobileToken)).body).toMatchObject({
      active: false,
      revokedReason: 'password-changed',
    });
    expect((await request('GET', '/v1/directory', undefined, mobileToken)).status).toBe(401);
    expect((await request('GET', '/v1/directory', undefined, desktopToken)).status).toBe(200);
    expect((await signIn(firstPassword)).body).toMatchObject({ code: 'wrong-password' });
    expect((await signIn('Harbor7!')).body).toMatchObject({ mustChangePassword: false });
  });

  it('sets a new password with a six-digit code sent by mail', async () => {
    const asked = Date.now();
    expect((await post('/v1/password/forgot', { email: anna, language: 'en' })).status).toBe(202);
    const code = /\b(\d{6})\b/.exec((await mailTo(anna, asked)).text)![1]!;
    expect(await post('/v1/password/reset', { email: anna, code, newPassword: 'Lantern8#' })).toEqual({
      status: 204,
      body: {},
    });
    expect((await signIn('Harbor7!')).body).toMatchObject({ code: 'wrong-password' });
    expect((await signIn('Lantern8#')).status).toBe(200);
  });

  it('locks after five wrong codes, and then the right code is refused too', async () => {
    clock.advanceSec(61);
    const asked = Date.now();
    expect((await post('/v1/password/forgot', { email: anna, language: 'en' })).status).toBe(202);
    const code = /\b(\d{6})\b/.exec((await mailTo(anna, asked)).text)![1]!;
    const wrong = code === '111111' ? '222222' : '111111';
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        (await post('/v1/password/reset', { email: anna, code: wrong, newPassword: 'Beacon9$' })).body['code'],
      );
    }
    expect(answers).toEqual(['code-wrong', 'code-wrong', 'code-wrong', 'code-wrong', 'too-many-tries']);
    const locked = await post('/v1/password/reset', { email: anna, code, newPassword: 'Beacon9$' });
    expect(locked).toMatchObject({ status: 429, body: { code: 'too-many-tries', retryAfterSec: 900 } });
  });
});
