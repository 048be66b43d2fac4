/**
 * Signing in when it goes wrong, as the user sees it on the form: a wrong password,
 * a switchboard that is down, a server certificate that is not trusted; and the
 * saved sign-in that brings the app back registered after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, freePort, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';

const [alice] = demoUsers as [(typeof demoUsers)[0]];

describe('signing in', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    app = await startApp({ switchboard });
  });

  afterAll(async () => {
    await app?.stop();
    await switchboard?.stop();
  });

  it('a wrong password: the form says so and keeps what was typed', async () => {
    await app.ui().getByTestId('signin-form').waitFor();
    await app.signIn(alice, { password: 'not-the-password' });
    const notice = await app.waitForSignInError(app.strings.registration.errors['auth-failed']);
    expect(notice).toContain('Wrong extension or password');
    expect(notice).toMatch(/\b(401|403)\b/); // the server's words under the translated reason
    expect(app.host.core.state.get().registration).toMatchObject({ status: 'error', error: 'auth-failed' });
    expect(await app.signInFields()).toEqual({
      server: switchboard.wsUrl,
      user: alice.user,
      password: 'not-the-password',
      displayName: alice.displayName,
    });
    await app.screenshot('en-sign-in-wrong-password');
  });

  it('the switchboard is down: "can\'t reach the server"; once it is back, signing in again works', async () => {
    await switchboard.stopKamailio();
    try {
      const started = Date.now();
      await app.signIn(alice);
      await app.waitForSignInError(app.strings.registration.errors['server-unreachable'], 10_000);
      console.log(`server-unreachable (switchboard down) shown after ${Date.now() - started} ms`);
    } finally {
      await switchboard.startKamailio();
    }
    await app.submitSignIn();
    await app.waitForRegistration('registered');
    await app.ui().getByTestId('signin-form').waitFor({ state: 'detached' });
  });

  it('a server whose certificate is not trusted: "secure connection failed"', async () => {
    await app.openTab('settings');
    await app.ui().getByRole('button', { name: app.strings.settings.changeAccount }).click();
    await app.signIn(alice, { server: switchboard.wssUrl });
    const notice = await app.waitForSignInError(app.strings.registration.errors['tls-failed'], 15_000);
    expect(notice).toContain('Secure connection failed');
    expect(notice).toMatch(/CERT|SELF_SIGNED/);
    expect(app.host.core.state.get().registration).toMatchObject({ status: 'error', error: 'tls-failed' });
  });

  it('nothing listens at the address: "can\'t reach the server" within 10 s', async () => {
    const deadPort = await freePort();
    const started = Date.now();
    await app.signIn(alice, { server: `ws://127.0.0.1:${deadPort}` });
    const notice = await app.waitForSignInError(app.strings.registration.errors['server-unreachable'], 10_000);
    console.log(`server-unreachable shown after ${Date.now() - started} ms`);
    expect(notice).toContain("Can't reach the server");
    expect(app.host.core.state.get().registration).toMatchObject({ status: 'error', error: 'server-unreachable' });
  });

  it('signed in, the app restarted on the same data: it signs in by itself', async () => {
    await app.signIn(alice);
    await app.waitForRegistration('registered');
    const { dataDir } = app;
    await app.stop();
    app = await startApp({ switchboard, dataDir });
    await app.waitForRegistration('registered');
    expect(await app.ui().getByTestId('signin-form').count()).toBe(0);
    expect(await app.ui().locator('header').innerText()).toContain(alice.displayName);
  });
});
