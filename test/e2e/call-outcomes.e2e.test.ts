/**
 * Calls that do not get answered, as both users see them: declined, missed
 * (caller gives up), and a number nobody is registered at. Bob's app runs in
 * Chinese (system locale zh-CN), Alice's in English.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('calls that are not answered', () => {
  // Signing in is the first test's subject: both apps start on the sign-in form.
  const { apps } = useSignedInApps({ apps: { alice: { locale: 'en-US' }, bob: { locale: 'zh-CN' } } });

  it('both sign in; the Chinese app shows its sign-in form in Chinese', async () => {
    const formB = apps.bob.ui().getByTestId('signin-form');
    await formB.waitFor();
    await expect.poll(() => apps.bob.ui().locator('main.signin').innerText()).toContain('登录分机');
    expect(await formB.innerText()).toContain('服务器地址');
    await apps.alice.ui().getByTestId('signin-form').waitFor();
    await apps.alice.screenshot('en-sign-in-form');
    await apps.bob.screenshot('zh-CN-sign-in-form');
    await apps.alice.signIn(alice);
    await apps.bob.signIn(bob);
    await apps.alice.waitForRegistration('registered');
    await apps.bob.waitForRegistration('registered');
    expect(await apps.bob.ui().getByTestId('registration-status').innerText()).toContain('已注册');
  });

  it('B declines: A hears busy and its call ends; B logs the call as declined', async () => {
    await apps.alice.typeNumber(bob.user);
    await apps.alice.screenshot('en-dial-pad-number-typed');
    await apps.alice.pressCall();
    const incoming = await apps.bob.waitForIncomingCall();
    expect(incoming).toContain('Alice');
    expect(incoming).toContain('来电');
    await expect.poll(() => apps.bob.ui().getByTestId('answer-button').getAttribute('aria-label')).toBe('接听');
    expect(await apps.bob.ui().getByTestId('decline-button').getAttribute('aria-label')).toBe('拒接');
    expect(incoming).toContain('接听');
    expect(incoming).toContain('拒接');
    await apps.bob.screenshot('zh-CN-incoming-call');
    await apps.alice.waitForCallPhase('ringing');

    await apps.bob.decline();
    await apps.bob.ui().getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 5_000 });
    // B sent 486 Busy Here: JsSIP reports "Busy" to the caller, whose screen says so for a moment.
    await apps.alice.waitForCallPhase('ended', 10_000);
    expect(await apps.alice.ui().getByTestId('call-end-reason').innerText()).toContain('Busy');
    await apps.alice.waitForCallPhase(null, 10_000);

    const [rowA] = await apps.alice.callLogRows();
    expect(rowA).toMatchObject({ direction: 'outgoing', outcome: 'busy' });
    expect(rowA!.text).toContain('Busy');
    const [rowB] = await apps.bob.callLogRows();
    expect(rowB).toMatchObject({ direction: 'incoming', outcome: 'declined' });
    expect(rowB!.text).toContain('已拒接');
    await apps.alice.openTab('dialpad');
    await apps.bob.openTab('dialpad');
  });

  it('A gives up before B answers: B’s incoming call disappears and is logged as missed, A’s as cancelled', async () => {
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.alice.waitForCallPhase('ringing');
    await apps.alice.hangup();
    await apps.bob.ui().getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 5_000 });
    await apps.alice.waitForCallPhase(null, 10_000);

    const [rowA] = await apps.alice.callLogRows();
    expect(rowA).toMatchObject({ direction: 'outgoing', outcome: 'cancelled' });
    const [rowB, previousB] = await apps.bob.callLogRows();
    expect(rowB).toMatchObject({ direction: 'incoming', outcome: 'missed' });
    expect(rowB!.text).toContain('未接来电');
    expect(previousB).toMatchObject({ direction: 'incoming', outcome: 'declined' });
    await apps.bob.screenshot('zh-CN-call-log');
    await apps.alice.openTab('dialpad');
  });

  it('A calls an extension nobody is signed in at: A sees the call fail and why; the log says failed', async () => {
    await apps.alice.dial('1009');
    await apps.alice.waitForCallPhase('ended', 10_000);
    const shown = await apps.alice.inCallText();
    expect(shown).toContain('1009');
    expect(shown).toContain('Call ended');
    const reason = await apps.alice.ui().getByTestId('call-end-reason').innerText();
    expect(reason).toContain('Failed');
    expect(reason).toContain('Not Found'); // the switchboard's 404
    expect(await apps.alice.ui().getByTestId('hangup-button').count()).toBe(0);
    await apps.alice.screenshot('en-call-failed');
    await apps.alice.waitForCallPhase(null, 10_000);

    const rowsA = await apps.alice.callLogRows();
    expect(rowsA.map((row) => row.outcome)).toEqual(['failed', 'cancelled', 'busy']);
    expect(rowsA[0]!.text).toContain('1009');
    expect(rowsA[0]!.text).toContain('Failed');
    await apps.alice.screenshot('en-call-log');
  });
});
