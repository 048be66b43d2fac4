/**
 * Mute, hold and SIP INFO digits between two Switchboard users through the real
 * switchboard, checked by what the far side hears and shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { expectToHear, holdMusic, inboundLoudness, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('in-call controls between two Switchboard users', () => {
  const { apps } = useSignedInApps({
    apps: {
      // Alice sends keypad digits as SIP INFO (her account's choice); Bob keeps RFC 4733.
      alice: { signIn: { sipAccount: alice, dtmfMode: 'info' }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
  });

  beforeAll(async () => {
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');
  });

  it('mute: the far side hears nothing, then Alice again after unmute', async () => {
    const before = await inboundLoudness(apps.bob, 3000);
    await apps.alice.setMuted(true);
    await apps.alice.ui().getByTestId('muted-badge').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const muted = await inboundLoudness(apps.bob, 3000);
    console.log(`energy before ${before.mean.toExponential(2)}, muted max ${muted.max.toExponential(2)}`);
    expect(before.mean).toBeGreaterThan(1e-4);
    expect(muted.max).toBeLessThan(before.mean / 100);
    await apps.alice.setMuted(false);
    await expectToHear(apps.bob, voice('alice'), { control: holdMusic(), margin: 0.1, label: 'after unmute, B←Alice' });
  });

  it('hold: both sides show it, the held party hears hold music and not the holder, then the voice again', async () => {
    await apps.alice.setHeld(true);
    await apps.bob.waitForHeldState('remote');
    await apps.alice.ui().getByTestId('held-badge').waitFor();
    await apps.bob.ui().getByTestId('held-badge').waitFor();
    await apps.bob.screenshot('en-in-call-held-by-other-party');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expectToHear(apps.bob, holdMusic(), {
      control: voice('alice'),
      margin: 0.2,
      listenMs: 9000,
      label: 'on hold, B←hold music',
    });

    await apps.alice.setHeld(false);
    await apps.bob.waitForHeldState(null);
    await expectToHear(apps.bob, voice('alice'), { control: holdMusic(), margin: 0.1, label: 'resumed, B←Alice' });
  });

  it('keypad digits sent as SIP INFO arrive at the other Switchboard user in order', async () => {
    await apps.alice.pressKeypad('12', 'click');
    await apps.alice.pressKeypad('#3', 'keyboard');
    await apps.alice.screenshot('en-in-call-keypad');
    const until = Date.now() + 10_000;
    while ((await apps.bob.receivedDigits()) !== '12#3' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await apps.bob.receivedDigits()).toBe('12#3');
    await apps.alice.setMuted(true);
    await apps.alice.screenshot('en-in-call-muted');
  });

  it('the call log records that the call was held', async () => {
    await apps.alice.hangup();
    await apps.bob.waitForCallPhase(null);
    const [row] = await apps.alice.callLogRows();
    expect(row).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    expect(row!.text).toMatch(/held/i);
  });
});
