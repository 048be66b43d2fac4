/**
 * Sign-in by mobile number, the app's first screen, against the reference switchboard with its
 * provisioning service phoning the code for real: each person's mobile is a plain SIP phone
 * (baresip) registered under the mobile number, answering by itself and recording what it hears.
 * The number, the company, the phoned code (the test checks the phone heard that code's prompt,
 * against controls that differ in one digit), a wrong code and then the right one; the issued SIP
 * account registers and calls a colleague. And a number no company registered, and a lockout.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import type { CodeLanguage } from '../../switchboard/provisioning/code-caller.ts';
import { demoCompanyName, demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';
import { checkSpokenCode, isClearlyThisCode } from '../support/spoken-code.ts';

const bob = demoUsers[1]!;
const wang = demoPeople[0]!;
const liNa = demoPeople[1]!;

/** A person's mobile as the SIP user the code line calls (the number's digits, see sip-code-caller.ts). */
const mobilePhone = (mobile: string, name: string) => ({
  user: mobile.replace(/^\+/, ''),
  password: `mobile-${mobile.slice(-4)}-pass`,
  displayName: `${name} mobile`,
});

describe('signing in by mobile number', () => {
  /**
   * The code line's report of each call it placed (never codes.log): says which prompt to hold the
   * recording against and which codes are surely wrong; a code is typed only once the audio check
   * shows the phone heard it.
   */
  const phoned: { mobileE164: string; code: string; language: CodeLanguage }[] = [];
  const wangMobile = mobilePhone(demoMobile, 'Wang');
  const liNaMobile = mobilePhone(liNa.mobile, 'Li Na');
  const heardWav = (): string => join(switchboard().runDir, 'wang-mobile-heard.wav');

  const { apps, phones, switchboard } = useSignedInApps({
    switchboard: {
      provisioning: { codeCaller: { kind: 'sip', ringTimeoutMs: 15_000, onCalled: (call) => phoned.push(call) } },
    },
    prepare: async (running) => {
      await Promise.all([running.addUser(wangMobile), running.addUser(liNaMobile)]);
    },
    apps: { wang: { numberScreen: true }, colleague: { signIn: { sipAccount: bob } } },
    phones: {
      wangMobile: () => ({ user: wangMobile, autoAnswer: true, recordWav: heardWav() }),
      liNaMobile: { user: liNaMobile, autoAnswer: true },
    },
  });

  /** The code the code line phoned to this number last (waits for the call to end). */
  const lastPhoned = async (mobile: string, count: number, timeoutMs = 30_000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const calls = phoned.filter((call) => call.mobileE164 === mobile);
      if (calls.length >= count) return calls.at(-1)!.code;
      if (Date.now() > until) throw new Error(`No code call to ${mobile}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const words = () => apps.wang.strings.numberSignIn;
  const error = () => apps.wang.ui().getByTestId('number-signin-error');

  it('is the first screen; an impossible number is refused at once', async () => {
    await apps.wang.ui().getByTestId('number-signin').waitFor();
    expect(await apps.wang.ui().getByTestId('use-sip-account').innerText()).toBe(words().useSipAccount);
    await apps.wang.ui().getByTestId('mobile-input').fill('12345');
    await apps.wang.ui().getByTestId('check-number').click();
    await apps.wang.ui().getByText(words().errors.invalid).waitFor();
  });

  it('a number no company registered: says so', async () => {
    await apps.wang.ui().getByTestId('mobile-input').fill('137 1111 2222');
    await apps.wang.ui().getByTestId('check-number').click();
    await error().waitFor();
    expect(await error().getAttribute('data-code')).toBe('number-not-registered');
    expect(await error().innerText()).toContain(
      'No company has registered this number — ask your administrator to add it',
    );
    await apps.wang.screenshot('en-number-sign-in-not-registered');
  });

  it('five wrong codes lock the number: the wait is shown as m:ss', async () => {
    await apps.wang.ui().getByTestId('mobile-input').fill(liNa.mobile);
    await apps.wang.ui().getByTestId('check-number').click();
    await apps.wang.ui().getByTestId('get-code').click();
    const code = await lastPhoned(liNa.mobile, 1);
    const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
    const screen = apps.wang.ui().getByTestId('number-signin');
    for (let tries = 1; tries <= 5; tries++) {
      const before = Number(await screen.getAttribute('data-failures'));
      await apps.wang.ui().getByTestId('code-input').fill(wrong);
      await apps.wang
        .ui()
        .locator(`[data-testid="number-signin"][data-failures="${before + 1}"]`)
        .waitFor();
    }
    expect(await error().getAttribute('data-code')).toBe('too-many-tries');
    expect(await error().innerText()).toMatch(/Too many wrong codes — try again in 1[45]:\d\d/);
    await apps.wang.screenshot('en-number-sign-in-locked');
    await apps.wang.ui().getByRole('button', { name: words().changeNumber }).click();
  });

  it('the demo number: company, the phone hears the code, a wrong code, then the heard one registers', async () => {
    await apps.wang.ui().getByTestId('mobile-input').fill('138-0013-8000');
    await apps.wang.screenshot('en-number-sign-in-1-number');
    await apps.wang.ui().getByTestId('check-number').click();
    await apps.wang.ui().getByTestId('company-name').waitFor();
    expect(await apps.wang.ui().getByTestId('company-name').innerText()).toContain(demoCompanyName);
    await apps.wang.screenshot('en-number-sign-in-2-company');

    await apps.wang.ui().getByTestId('get-code').click();
    // At once: a call is coming, the countdown to "Call me again", and the code field.
    await apps.wang.ui().getByTestId('code-calling').waitFor();
    expect(await apps.wang.ui().getByTestId('code-calling').innerText()).toContain('+86 138 0013 8000');
    expect(await apps.wang.ui().getByTestId('call-again').isDisabled()).toBe(true);
    expect(await apps.wang.ui().getByTestId('call-again').innerText()).toMatch(/[23]:\d\d/);
    expect(await apps.wang.ui().getByTestId('code-status').innerText()).toBe(words().ringing);
    await apps.wang.screenshot('en-number-sign-in-3-ringing');
    // The service answers the app once the phone picked up.
    await apps.wang.ui().getByTestId('code-status').waitFor({ state: 'detached', timeout: 30_000 });
    await apps.wang.screenshot('en-number-sign-in-3-code');

    // Wang's phone answered (that is when the app shows the code field) and is still hearing the voice;
    // it records the spoken code until the code line hangs up.
    const wangPhone = phones.wangMobile;
    expect(wangPhone.events.map((event) => event.type)).toContain('CALL_ESTABLISHED');
    expect(wangPhone.events.map((event) => event.type)).not.toContain('CALL_CLOSED');
    await wangPhone.waitForEvent('CALL_ESTABLISHED', 20_000);
    await wangPhone.waitForEvent('CALL_CLOSED', 30_000);
    const issued = await lastPhoned(demoMobile, 1);
    const heard = await checkSpokenCode(heardWav(), issued, 'en', switchboard().runDir);
    console.log(
      `phone heard code ${issued}: r=${heard.r.toFixed(3)}; controls ${heard.controls
        .map((control) => `${control.code} r=${control.r.toFixed(3)}`)
        .join(', ')}`,
    );
    // The recording is the issued code's prompt (1 − r small): far closer than to a code with every digit
    // different, and closer than to any code one digit off.
    expect(isClearlyThisCode(heard)).toBe(true);
    const code = issued;

    const wrong = heard.controls[0]!.code;
    await apps.wang.ui().getByTestId('code-input').fill(wrong);
    await error().waitFor();
    expect(await error().getAttribute('data-code')).toBe('code-wrong');
    expect(await error().innerText()).toContain('4 tries left');
    await apps.wang.screenshot('en-number-sign-in-wrong-code');

    await apps.wang.ui().getByTestId('code-input').fill(code);
    await apps.wang.waitForRegistration('registered', 20_000);
    expect(apps.wang.host.core.state.get().account).toMatchObject({ user: wang.extension });
    expect(await apps.wang.ui().locator('header').innerText()).toContain('Wang Xiaoming');
  });

  it('the signed-in person calls a colleague', async () => {
    await apps.wang.dial(bob.user);
    expect(await apps.colleague.waitForIncomingCall()).toContain(wang.extension);
    await apps.colleague.answer();
    await apps.wang.waitForCallPhase('connected');
    await apps.colleague.waitForCallPhase('connected');
    await apps.wang.hangup();
    await apps.colleague.waitForCallPhase(null);
  });
});
