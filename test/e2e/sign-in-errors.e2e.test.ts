/**
 * Signing in when it goes wrong, as the user sees it on the form: a wrong password,
 * a switchboard that is down, a server certificate that is not trusted; and the
 * saved sign-in that brings the app back registered after a restart.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers, freePort } from '../../switchboard/index.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice] = demoUsers as [(typeof demoUsers)[0]];

describe('signing in', () => {
  // Signing in is the subject: the app starts on the sign-in form.
  const { apps, switchboard, restartApp } = useSignedInApps({ apps: { alice: {} } });

  it('a wrong password: the form says so and keeps what was typed', async () => {
    await apps.alice.ui().getByTestId('signin-form').waitFor();
    await apps.alice.signIn(alice, { password: 'not-the-password' });
    const notice = await apps.alice.waitForSignInError(apps.alice.strings.registration.errors['auth-failed']);
    expect(notice).toContain('Wrong extension or password');
    expect(notice).toMatch(/\b(401|403)\b/); // the server's words under the translated reason
    expect(apps.alice.host.core.state.get().registration).toMatchObject({ status: 'error', error: 'auth-failed' });
    expect(await apps.alice.signInFields()).toEqual({
      server: switchboard().wsUrl,
      user: alice.user,
      password: 'not-the-password',
      displayName: alice.displayName,
    });
    await apps.alice.screenshot('en-sign-in-wrong-password');
  });

  it('the switchboard is down: "can\'t reach the server"; once it is back, signing in again works', async () => {
    await switchboard().stopKamailio();
    try {
      const started = Date.now();
      await apps.alice.signIn(alice);
      await apps.alice.waitForSignInError(apps.alice.strings.registration.errors['server-unreachable'], 10_000);
      console.log(`server-unreachable (switchboard down) shown after ${Date.now() - started} ms`);
    } finally {
      await switchboard().startKamailio();
    }
    await apps.alice.submitSignIn();
    await apps.alice.waitForRegistration('registered');
    await apps.alice.ui().getByTestId('signin-form').waitFor({ state: 'detached' });
  });

  it('a server whose certificate is not trusted: "secure connection failed"', async () => {
    await apps.alice.openTab('settings');
    await apps.alice.ui().getByRole('button', { name: apps.alice.strings.settings.changeAccount }).click();
    await apps.alice.signIn(alice, { server: switchboard().wssUrl });
    const notice = await apps.alice.waitForSignInError(apps.alice.strings.registration.errors['tls-failed'], 15_000);
    expect(notice).toContain('Secure connection failed');
    expect(notice).toMatch(/CERT|SELF_SIGNED/);
    expect(apps.alice.host.core.state.get().registration).toMatchObject({ status: 'error', error: 'tls-failed' });
  });

  it('nothing listens at the address: "can\'t reach the server" within 10 s', async () => {
    const deadPort = await freePort();
    const started = Date.now();
    await apps.alice.signIn(alice, { server: `ws://127.0.0.1:${deadPort}` });
    const notice = await apps.alice.waitForSignInError(
      apps.alice.strings.registration.errors['server-unreachable'],
      10_000,
    );
    console.log(`server-unreachable shown after ${Date.now() - started} ms`);
    expect(notice).toContain("Can't reach the server");
    expect(apps.alice.host.core.state.get().registration).toMatchObject({
      status: 'error',
      error: 'server-unreachable',
    });
  });

  it('signed in, the app restarted on the same data: it signs in by itself', async () => {
    await apps.alice.signIn(alice);
    await apps.alice.waitForRegistration('registered');
    await restartApp('alice');
    await apps.alice.waitForRegistration('registered');
    expect(await apps.alice.ui().getByTestId('signin-form').count()).toBe(0);
    expect(await apps.alice.ui().locator('header').innerText()).toContain(alice.displayName);
  });
});
