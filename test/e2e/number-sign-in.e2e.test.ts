/**
 * Sign-in by mobile number, the app's first screen, against the reference switchboard with its
 * provisioning service: the number, the company, the phoned code (read here from the dev code
 * caller's codes.log), a wrong code and then the right one; the issued SIP account registers and
 * calls a colleague. And a number no company registered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { demoCompanyName, demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';

const bob = demoUsers[1]!;
const wang = demoPeople[0]!;

describe('signing in by mobile number', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let colleague: AppDriver;

  beforeAll(async () => {
    switchboard = await startSwitchboard({ provisioning: true });
    [app, colleague] = await Promise.all([
      startApp({ switchboard, provisioningUrl: switchboard.provisioningUrl!, numberSignIn: true }),
      startApp({ switchboard }),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), colleague?.stop()]);
    await switchboard?.stop();
  });

  const words = () => app.strings.numberSignIn;
  const error = () => app.ui().getByTestId('number-signin-error');

  it('is the first screen; an impossible number is refused at once', async () => {
    await app.ui().getByTestId('number-signin').waitFor();
    expect(await app.ui().getByTestId('use-sip-account').innerText()).toBe(words().useSipAccount);
    await app.ui().getByTestId('mobile-input').fill('12345');
    await app.ui().getByTestId('check-number').click();
    await app.ui().getByText(words().errors.invalid).waitFor();
  });

  it('a number no company registered: says so', async () => {
    await app.ui().getByTestId('mobile-input').fill('137 1111 2222');
    await app.ui().getByTestId('check-number').click();
    await error().waitFor();
    expect(await error().getAttribute('data-code')).toBe('number-not-registered');
    expect(await error().innerText()).toContain(
      'No company has registered this number — ask your administrator to add it',
    );
    await app.screenshot('en-number-sign-in-not-registered');
  });

  it('five wrong codes lock the number: the wait is shown as m:ss', async () => {
    const liNa = demoPeople[1]!;
    await app.ui().getByTestId('mobile-input').fill(liNa.mobile);
    await app.ui().getByTestId('check-number').click();
    await app.ui().getByTestId('get-code').click();
    const code = await waitForCode(switchboard, liNa.mobile);
    const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
    const screen = app.ui().getByTestId('number-signin');
    for (let tries = 1; tries <= 5; tries++) {
      const before = Number(await screen.getAttribute('data-failures'));
      await app.ui().getByTestId('code-input').fill(wrong);
      await app
        .ui()
        .locator(`[data-testid="number-signin"][data-failures="${before + 1}"]`)
        .waitFor();
    }
    expect(await error().getAttribute('data-code')).toBe('too-many-tries');
    expect(await error().innerText()).toMatch(/Too many wrong codes — try again in 1[45]:\d\d/);
    await app.screenshot('en-number-sign-in-locked');
    await app.ui().getByRole('button', { name: words().changeNumber }).click();
  });

  it('the demo number: company, phoned code, a wrong code, then the right one registers', async () => {
    await app.ui().getByTestId('mobile-input').fill('138-0013-8000');
    await app.screenshot('en-number-sign-in-1-number');
    await app.ui().getByTestId('check-number').click();
    await app.ui().getByTestId('company-name').waitFor();
    expect(await app.ui().getByTestId('company-name').innerText()).toContain(demoCompanyName);
    await app.screenshot('en-number-sign-in-2-company');

    await app.ui().getByTestId('get-code').click();
    await app.ui().getByTestId('code-calling').waitFor();
    expect(await app.ui().getByTestId('code-calling').innerText()).toContain('+86 138 0013 8000');
    expect(await app.ui().getByTestId('call-again').isDisabled()).toBe(true);
    expect(await app.ui().getByTestId('call-again').innerText()).toMatch(/[23]:\d\d/);
    const code = await waitForCode(switchboard, demoMobile);
    await app.screenshot('en-number-sign-in-3-code');

    const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
    await app.ui().getByTestId('code-input').fill(wrong);
    await error().waitFor();
    expect(await error().getAttribute('data-code')).toBe('code-wrong');
    expect(await error().innerText()).toContain('4 tries left');
    await app.screenshot('en-number-sign-in-wrong-code');

    await app.ui().getByTestId('code-input').fill(code);
    await app.waitForRegistration('registered', 20_000);
    expect(app.host.core.getState().account).toMatchObject({ user: wang.extension });
    expect(await app.ui().locator('header').innerText()).toContain('Wang Xiaoming');
  });

  it('the signed-in person calls a colleague', async () => {
    await colleague.signIn(bob);
    await colleague.waitForRegistration('registered');
    await app.dial(bob.user);
    expect(await colleague.waitForIncomingCall()).toContain(wang.extension);
    await colleague.answer();
    await app.waitForCallPhase('connected');
    await colleague.waitForCallPhase('connected');
    await app.hangup();
    await colleague.waitForCallPhase(null);
  });
});

/** The last code the dev code caller "phoned" to this number. */
function issuedCode(switchboard: RunningSwitchboard, mobile: string): string | null {
  let log: string;
  try {
    log = readFileSync(join(switchboard.runDir, 'codes.log'), 'utf8');
  } catch {
    return null;
  }
  const codes = log
    .split('\n')
    .filter((line) => line.split(' ')[1] === mobile)
    .map((line) => /code (\d{4})$/.exec(line)?.[1]);
  return codes.at(-1) ?? null;
}

async function waitForCode(switchboard: RunningSwitchboard, mobile: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const code = issuedCode(switchboard, mobile);
    if (code) return code;
    if (Date.now() > until) throw new Error(`No code for ${mobile} in codes.log`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
