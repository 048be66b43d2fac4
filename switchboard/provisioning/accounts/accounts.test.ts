import { beforeEach, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from '../db.ts';
import { addPerson, createCompany } from '../directory.ts';
import { ProvisioningError, type ProvisioningService } from '../service.ts';
import type { ManualClock } from '../test-support/manual-clock.ts';
import { ManualClock as Clock } from '../test-support/manual-clock.ts';
import { RecordingMailer } from '../test-support/recording-mailer.ts';
import { testProvisioningService } from '../test-support/test-service.ts';

const cheap = { N: 2 ** 10, r: 8, p: 1, keylen: 32 };
const anna = 'Anna.Li@example.com';

let db: ProvisioningDb;
let service: ProvisioningService;
let mailer: RecordingMailer;
let clock: ManualClock;
let companyId: number;

beforeEach(() => {
  db = openProvisioningDb(':memory:');
  companyId = createCompany(db, 'Harbor Support');
  addPerson(db, companyId, {
    name: 'Anna Li',
    mobile: '+8613800138000',
    extension: '8001',
    email: null,
    department: null,
    callPermission: 'internal',
  });
  addPerson(db, companyId, {
    name: 'Bo Wang',
    mobile: '+8613900139000',
    extension: '8002',
    email: null,
    department: null,
    callPermission: 'internal',
  });
  mailer = new RecordingMailer();
  clock = new Clock();
  ({ service } = testProvisioningService(db, { clock, accountOptions: { mailer, scryptParams: cheap } }));
});

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<ProvisioningError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof ProvisioningError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function created(email = anna, extension = '8001') {
  await service.accounts.admin.create({
    companyId,
    extension,
    email,
    role: 'both',
    teams: ['Billing'],
    language: 'en',
  });
  return mailer.passwordFor(email);
}

describe('accounts: creating', () => {
  it('mails a random first password in the account language, and the first sign-in must change it', async () => {
    const password = await created();
    expect(mailer.sent[0]).toMatchObject({ to: anna, subject: 'Harbor Support: your Switchboard account' });
    const signedIn = await service.accounts.signIn.signIn({ email: 'anna.li@EXAMPLE.com', password }, '10.0.0.1');
    expect(signedIn.mustChangePassword).toBe(true);
    expect(signedIn.account).toEqual({ email: anna, role: 'both', teams: ['Billing'] });
    expect(signedIn.sip.username).toBe('8001');
    expect(service.deviceStatus(signedIn.device.token)).toMatchObject({ active: true });
  });

  it('mails the first password in Chinese when the account is zh-CN', async () => {
    await service.accounts.admin.create({ companyId, extension: '8002', email: 'bo@example.com', role: 'agent' });
    expect(mailer.sent[0]!.text).toContain('您的密码：');
  });

  it('writes to Swedish and French accounts in their language, with a first password that signs in', async () => {
    await service.accounts.admin.create({
      companyId,
      extension: '8002',
      email: 'erik@example.com',
      role: 'agent',
      language: 'sv',
    });
    await service.accounts.admin.create({
      companyId,
      extension: '8001',
      email: 'lea@example.com',
      role: 'agent',
      language: 'fr',
    });
    expect(mailer.sent[0]).toMatchObject({ subject: 'Harbor Support: ditt Switchboard-konto' });
    expect(mailer.sent[0]!.text).toMatch(/^Hej .*,\n/);
    expect(mailer.sent[1]).toMatchObject({ subject: 'Harbor Support : votre compte Switchboard' });
    expect(mailer.sent[1]!.text).toContain('Votre mot de passe : ');
    const password = mailer.passwordFor('lea@example.com');
    const signedIn = await service.accounts.signIn.signIn({ email: 'lea@example.com', password }, '10.0.0.1');
    expect(signedIn.mustChangePassword).toBe(true);
  });

  it('refuses an account past the company cap with the cap in words', async () => {
    service.accounts.admin.setCap(companyId, 1);
    await created();
    const refused = await refusal(
      service.accounts.admin.create({ companyId, extension: '8002', email: 'bo@example.com', role: 'agent' }),
    );
    expect(refused.code).toBe('account-cap-reached');
    expect(refused.message).toMatch(/at most 1 accounts and has 1/);
  });

  it('refuses the same e-mail twice in one company whatever its case', async () => {
    await created();
    const refused = await refusal(created('ANNA.LI@example.com', '8002'));
    expect(refused.code).toBe('account-exists');
  });

  it('keeps no account whose first password could not be mailed', async () => {
    mailer.failNext = true;
    expect((await refusal(created())).code).toBe('mail-failed');
    expect(service.accounts.admin.list()).toEqual([]);
  });

  it('imports accounts from CSV, and names every bad line without creating any', async () => {
    const bad = await service.accounts.admin.importCsv(
      companyId,
      'extension,email,role\n8001,anna@x.com,boss\n8002,nope,agent\n',
    );
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(service.accounts.admin.list()).toEqual([]);
    const good = await service.accounts.admin.importCsv(
      companyId,
      '8001,anna@x.com,agent,Billing;Sales,en\n8002,bo@x.com,supervisor\n',
    );
    expect(good).toEqual({ created: ['anna@x.com', 'bo@x.com'], errors: [] });
    expect(service.accounts.admin.list().map((a) => [a.email, a.teams])).toEqual([
      ['anna@x.com', ['Billing', 'Sales']],
      ['bo@x.com', []],
    ]);
  });
});

describe('accounts: signing in and changing the password', () => {
  it('answers a wrong password and an unknown e-mail alike', async () => {
    await created();
    const known = await refusal(service.accounts.signIn.signIn({ email: anna, password: 'Wrong1!x' }, '10.0.0.1'));
    const unknown = await refusal(
      service.accounts.signIn.signIn({ email: 'nobody@example.com', password: 'Wrong1!x' }, '10.0.0.1'),
    );
    expect([known.code, known.message, known.triesLeft]).toEqual([unknown.code, unknown.message, unknown.triesLeft]);
    expect(known.code).toBe('wrong-password');
  });

  it('locks a known and an unknown e-mail alike after five wrong passwords, for 15 minutes', async () => {
    const password = await created();
    for (const email of [anna, 'nobody@example.com']) {
      const answers = [];
      for (let i = 0; i < 5; i++)
        answers.push((await refusal(service.accounts.signIn.signIn({ email, password: 'Wrong1!x' }, '10.0.0.2'))).code);
      expect(answers).toEqual([
        'wrong-password',
        'wrong-password',
        'wrong-password',
        'wrong-password',
        'too-many-tries',
      ]);
    }
    expect((await refusal(service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.3'))).code).toBe(
      'too-many-tries',
    );
    clock.advanceSec(15 * 60);
    await expect(service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.3')).resolves.toBeTruthy();
  });

  it('counts concurrent guesses before hashing them: past the hourly limit per address they are refused unhashed', async () => {
    const password = await created();
    const guesses = await Promise.all(
      Array.from({ length: 35 }, (_, i) =>
        refusal(service.accounts.signIn.signIn({ email: `guess${i}@example.com`, password: 'Wrong1!x' }, '10.0.0.9')),
      ),
    );
    const codes = guesses.map((g) => g.code);
    expect(codes.filter((c) => c === 'wrong-password')).toHaveLength(30);
    expect(codes.filter((c) => c === 'rate-limited')).toHaveLength(5);
    // A right password from another address is not held back, and is not counted as a wrong one.
    await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    const wrong = await refusal(service.accounts.signIn.signIn({ email: anna, password: 'Wrong1!x' }, '10.0.0.1'));
    expect(wrong.triesLeft).toBe(4);
  });

  it('explains every rule the new password breaks, and keeps the old one until a good one comes', async () => {
    const password = await created();
    const { device } = await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    const refused = await refusal(
      service.accounts.signIn.changePassword(
        device.token,
        { currentPassword: password, newPassword: 'anna.li' },
        '10.0.0.1',
      ),
    );
    expect(refused.code).toBe('password-rules');
    expect(refused.violations?.map((v) => v.code)).toEqual(['too-short', 'no-digit', 'contains-email-name']);
    const reused = await refusal(
      service.accounts.signIn.changePassword(
        device.token,
        { currentPassword: password, newPassword: password },
        '10.0.0.1',
      ),
    );
    expect(reused.violations?.map((v) => v.code)).toEqual(['recently-used']);
  });

  it('signs out the other device when the password changes, and the old password stops working', async () => {
    const password = await created();
    const desktop = await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    const mobile = await service.accounts.signIn.signIn({ email: anna, password, app: 'mobile' }, '10.0.0.1');
    const changed = await service.accounts.signIn.changePassword(
      mobile.device.token,
      { currentPassword: password, newPassword: 'Harbor7!' },
      '10.0.0.1',
    );
    expect(changed.signedOutDeviceIds).toEqual([desktop.device.id]);
    expect(service.deviceStatus(desktop.device.token)).toEqual({
      deviceId: desktop.device.id,
      active: false,
      revokedReason: 'password-changed',
    });
    expect(service.deviceStatus(mobile.device.token)).toMatchObject({ active: true });
    expect((await refusal(service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1'))).code).toBe(
      'wrong-password',
    );
    const again = await service.accounts.signIn.signIn({ email: anna, password: 'Harbor7!' }, '10.0.0.1');
    expect(again.mustChangePassword).toBe(false);
  });

  it('hashes a password again at the new cost when the default was raised, and it still signs in', async () => {
    const password = await created();
    const raised = { N: 2 ** 11, r: 8, p: 1, keylen: 32 };
    const later = testProvisioningService(db, { clock, accountOptions: { mailer, scryptParams: raised } }).service;
    const storedParams = () => db.prepare(`SELECT password_params FROM accounts`).pluck().get() as string;
    expect(JSON.parse(storedParams())).toEqual(cheap);
    await later.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    expect(JSON.parse(storedParams())).toEqual(raised);
    const again = await later.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    expect(again.mustChangePassword).toBe(true);
  });

  it('opens the directory only after the first password is changed', async () => {
    const password = await created();
    const { device } = await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    expect((await refusal(() => service.directoryPage(device.token, 0, 10))).code).toBe('password-change-required');
    await service.accounts.signIn.changePassword(
      device.token,
      { currentPassword: password, newPassword: 'Harbor7!' },
      '10.0.0.1',
    );
    expect(service.directoryPage(device.token, 0, 10).people.length).toBeGreaterThan(0);
  });

  it('refuses a password change with the wrong current password', async () => {
    const password = await created();
    const { device } = await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    const refused = await refusal(
      service.accounts.signIn.changePassword(
        device.token,
        { currentPassword: 'Nope1!xx', newPassword: 'Harbor7!' },
        '10.0.0.1',
      ),
    );
    expect(refused.message).toBe('The current password is not right.');
  });
});

describe('accounts: forgot password', () => {
  it('mails a six-digit code that sets a new password and signs out the devices', async () => {
    const password = await created();
    const { device } = await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    expect(service.accounts.reset.forgot({ email: anna }, '10.0.0.1')).toEqual({
      expiresInSec: 600,
      resendAfterSec: 60,
      triesAllowed: 5,
    });
    await Promise.resolve();
    const code = mailer.codeFor(anna);
    await service.accounts.reset.reset({ email: anna, code, newPassword: 'Harbor7!' }, '10.0.0.1');
    expect(service.deviceStatus(device.token)).toMatchObject({ active: false });
    await expect(
      service.accounts.signIn.signIn({ email: anna, password: 'Harbor7!' }, '10.0.0.1'),
    ).resolves.toBeTruthy();
  });

  it('mails the code in the language the app asked for: Swedish', async () => {
    await created();
    service.accounts.reset.forgot({ email: anna, language: 'sv' }, '10.0.0.1');
    await Promise.resolve();
    expect(mailer.sent.at(-1)!.subject).toMatch(/^Din kod till Switchboard: \d{6}$/);
    expect(mailer.sent.at(-1)!.text).toContain('Den gäller i 10 minuter.');
  });

  it('answers an unknown e-mail as a known one and mails nothing', async () => {
    await created();
    const known = service.accounts.reset.forgot({ email: anna }, '10.0.0.1');
    const unknown = service.accounts.reset.forgot({ email: 'nobody@example.com' }, '10.0.0.1');
    expect(unknown).toEqual(known);
    await Promise.resolve();
    expect(mailer.sent.filter((m) => m.to === 'nobody@example.com')).toEqual([]);
    const wrong = await refusal(
      service.accounts.reset.reset(
        { email: 'nobody@example.com', code: '123456', newPassword: 'Harbor7!' },
        '10.0.0.1',
      ),
    );
    expect(wrong).toMatchObject({ code: 'code-wrong', triesLeft: 4 });
  });

  it('locks after five wrong codes, and the right code no longer works', async () => {
    await created();
    service.accounts.reset.forgot({ email: anna }, '10.0.0.1');
    await Promise.resolve();
    const code = mailer.codeFor(anna);
    const wrong = code === '000000' ? '000001' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await refusal(service.accounts.reset.reset({ email: anna, code: wrong, newPassword: 'Harbor7!' }, '10.0.0.1')))
          .code,
      );
    expect(answers).toEqual(['code-wrong', 'code-wrong', 'code-wrong', 'code-wrong', 'too-many-tries']);
    const locked = await refusal(
      service.accounts.reset.reset({ email: anna, code, newPassword: 'Harbor7!' }, '10.0.0.1'),
    );
    expect(locked).toMatchObject({ code: 'too-many-tries', retryAfterSec: 900 });
  });

  it('lets a code expire after 10 minutes', async () => {
    await created();
    service.accounts.reset.forgot({ email: anna }, '10.0.0.1');
    await Promise.resolve();
    clock.advanceSec(600);
    const expired = await refusal(
      service.accounts.reset.reset({ email: anna, code: mailer.codeFor(anna), newPassword: 'Harbor7!' }, '10.0.0.1'),
    );
    expect(expired.code).toBe('code-expired');
  });

  it('waits a minute before mailing another code to the same address', async () => {
    await created();
    service.accounts.reset.forgot({ email: anna }, '10.0.0.1');
    expect((await refusal(() => service.accounts.reset.forgot({ email: anna }, '10.0.0.1'))).code).toBe(
      'resend-too-early',
    );
  });
});

describe('accounts: administrator', () => {
  it('resets a password by mail, signs the account out, and asks for a change at the next sign-in', async () => {
    const first = await created();
    const { device } = await service.accounts.signIn.signIn({ email: anna, password: first }, '10.0.0.1');
    await service.accounts.admin.resetPassword(companyId, anna);
    expect(service.deviceStatus(device.token)).toMatchObject({ active: false, revokedReason: 'admin' });
    const second = mailer.passwordFor(anna);
    expect(second).not.toBe(first);
    const signedIn = await service.accounts.signIn.signIn({ email: anna, password: second }, '10.0.0.1');
    expect(signedIn.mustChangePassword).toBe(true);
  });

  it('lifts a lockout a guesser caused, so the owner signs in at once', async () => {
    const password = await created();
    for (let i = 0; i < 5; i++)
      await refusal(service.accounts.signIn.signIn({ email: anna, password: 'Wrong1!x' }, '10.0.0.2'));
    expect((await refusal(service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.3'))).code).toBe(
      'too-many-tries',
    );
    service.accounts.admin.unlock('ANNA.li@example.com');
    await expect(service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.3')).resolves.toBeTruthy();
  });

  it('kicks a stuck login: every device of the account is signed out', async () => {
    const password = await created();
    const { device } = await service.accounts.signIn.signIn({ email: anna, password }, '10.0.0.1');
    expect(await service.accounts.admin.kick(companyId, anna)).toEqual({ signedOutDeviceIds: [device.id] });
    expect(() => service.deviceByToken(device.token)).toThrow(/not signed in/);
  });
});
