/**
 * The phone lives in main and the hidden engine window, not in the UI window:
 * closing the UI (to the tray) or reloading it must not lose a call.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];
const LISTEN_MS = 8_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the UI window comes and goes; the phone stays', () => {
  const { apps } = useSignedInApps({
    apps: {
      alice: { signIn: { sipAccount: alice }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
  });

  it('with the UI window closed a call still rings; reopening the window shows it and it can be answered there', async () => {
    await apps.alice.closeUiWindow();
    expect(apps.alice.host.uiPage).toBeNull();

    await apps.bob.dial(alice.user);
    // B hears ringing: A's engine got the INVITE and is alerting with no UI window open.
    await apps.bob.waitForCallPhase('ringing');
    await pause(1000);
    expect(await apps.bob.callPhase()).toBe('ringing');

    await apps.alice.openUiWindow();
    const incoming = await apps.alice.waitForIncomingCall();
    expect(incoming).toContain('Bob Müller');
    expect(incoming).toContain(bob.user);
    await apps.alice.screenshot('en-incoming-call');
    await apps.alice.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');
    await apps.alice.screenshot('en-in-call-connected');
  });

  it('reloading the UI mid-call: the call goes on, the timer keeps counting from the answer, audio still flows', async () => {
    await pause(3000);
    const before = await apps.alice.callTimerSeconds();
    expect(before).toBeGreaterThanOrEqual(3);

    await apps.alice.reloadUi();
    await apps.alice.waitForCallPhase('connected', 5_000);
    const after = await apps.alice.callTimerSeconds();
    console.log(`call timer ${before} s before the reload, ${after} s after`);
    expect(after).toBeGreaterThanOrEqual(before!);
    expect(after).toBeLessThan(before! + 5);
    expect(await apps.bob.callPhase()).toBe('connected');
    await pause(2000);
    expect(await apps.alice.callTimerSeconds()).toBeGreaterThanOrEqual(after! + 1);

    await expectToHear(apps.alice, voice('bob'), {
      control: voice('control'),
      listenMs: LISTEN_MS,
      label: 'after the reload, A←Bob',
    });

    // The reloaded window still controls the call.
    await apps.alice.hangup();
    await apps.bob.waitForCallPhase(null, 10_000);
    await apps.alice.waitForCallPhase(null, 10_000);
    const [rowA] = await apps.alice.callLogRows();
    const [rowB] = await apps.bob.callLogRows();
    expect(rowA).toMatchObject({ direction: 'incoming', outcome: 'answered' });
    expect(rowB).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    // Talk time covers the whole call, across the reload: at least 3 s + 2 s + 8 s of listening.
    expect(rowA!.text).toMatch(/\b(1[3-9]|[2-5]\d)s\b/);
  });
});
