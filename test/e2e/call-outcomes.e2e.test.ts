/**
 * Calls that do not get answered, as both users see them: declined, missed
 * (caller gives up), and a number nobody is registered at. Bob's app runs in
 * Chinese (system locale zh-CN), Alice's in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('calls that are not answered', () => {
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [appA, appB] = await Promise.all([
      startApp({ switchboard, locale: 'en-US' }),
      startApp({ switchboard, locale: 'zh-CN' }),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop()]);
    await switchboard?.stop();
  });

  it('both sign in; the Chinese app shows its sign-in form in Chinese', async () => {
    const formB = appB.ui().getByTestId('signin-form');
    await formB.waitFor();
    await expect.poll(() => appB.ui().locator('main.signin').innerText()).toContain('登录分机');
    expect(await formB.innerText()).toContain('服务器地址');
    await appA.ui().getByTestId('signin-form').waitFor();
    await appA.screenshot('en-sign-in-form');
    await appB.screenshot('zh-CN-sign-in-form');
    await appA.signIn(alice);
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
    expect(await appB.ui().getByTestId('registration-status').innerText()).toContain('已注册');
  });

  it('B declines: A hears busy and its call ends; B logs the call as declined', async () => {
    await appA.typeNumber(bob.user);
    await appA.screenshot('en-dial-pad-number-typed');
    await appA.pressCall();
    const incoming = await appB.waitForIncomingCall();
    expect(incoming).toContain('Alice');
    expect(incoming).toContain('来电');
    await expect.poll(() => appB.ui().getByTestId('answer-button').getAttribute('aria-label')).toBe('接听');
    expect(await appB.ui().getByTestId('decline-button').getAttribute('aria-label')).toBe('拒接');
    expect(incoming).toContain('接听');
    expect(incoming).toContain('拒接');
    await appB.screenshot('zh-CN-incoming-call');
    await appA.waitForCallPhase('ringing');

    await appB.decline();
    await appB.ui().getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 5_000 });
    // B sent 486 Busy Here: JsSIP reports "Busy" to the caller, whose screen says so for a moment.
    await appA.waitForCallPhase('ended', 10_000);
    expect(await appA.ui().getByTestId('call-end-reason').innerText()).toContain('Busy');
    await appA.waitForCallPhase(null, 10_000);

    const [rowA] = await appA.callLogRows();
    expect(rowA).toMatchObject({ direction: 'outgoing', outcome: 'busy' });
    expect(rowA!.text).toContain('Busy');
    const [rowB] = await appB.callLogRows();
    expect(rowB).toMatchObject({ direction: 'incoming', outcome: 'declined' });
    expect(rowB!.text).toContain('已拒接');
    await appA.openTab('dialpad');
    await appB.openTab('dialpad');
  });

  it('A gives up before B answers: B’s incoming call disappears and is logged as missed, A’s as cancelled', async () => {
    await appA.dial(bob.user);
    await appB.waitForIncomingCall();
    await appA.waitForCallPhase('ringing');
    await appA.hangup();
    await appB.ui().getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 5_000 });
    await appA.waitForCallPhase(null, 10_000);

    const [rowA] = await appA.callLogRows();
    expect(rowA).toMatchObject({ direction: 'outgoing', outcome: 'cancelled' });
    const [rowB, previousB] = await appB.callLogRows();
    expect(rowB).toMatchObject({ direction: 'incoming', outcome: 'missed' });
    expect(rowB!.text).toContain('未接来电');
    expect(previousB).toMatchObject({ direction: 'incoming', outcome: 'declined' });
    await appB.screenshot('zh-CN-call-log');
    await appA.openTab('dialpad');
  });

  it('A calls an extension nobody is signed in at: A sees the call fail and why; the log says failed', async () => {
    await appA.dial('1009');
    await appA.waitForCallPhase('ended', 10_000);
    const shown = await appA.inCallText();
    expect(shown).toContain('1009');
    expect(shown).toContain('Call ended');
    const reason = await appA.ui().getByTestId('call-end-reason').innerText();
    expect(reason).toContain('Failed');
    expect(reason).toContain('Not Found'); // the switchboard's 404
    expect(await appA.ui().getByTestId('hangup-button').count()).toBe(0);
    await appA.screenshot('en-call-failed');
    await appA.waitForCallPhase(null, 10_000);

    const rowsA = await appA.callLogRows();
    expect(rowsA.map((row) => row.outcome)).toEqual(['failed', 'cancelled', 'busy']);
    expect(rowsA[0]!.text).toContain('1009');
    expect(rowsA[0]!.text).toContain('Failed');
    await appA.screenshot('en-call-log');
  });
});
