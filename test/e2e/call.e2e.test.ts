/**
 * Two Switchboard users on the real reference switchboard (Kamailio + rtpengine),
 * each app in its own Chromium, driven through the UI like a person.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('a call between two Switchboard users', () => {
  const { apps } = useSignedInApps({
    apps: {
      alice: { signIn: { sipAccount: alice }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
  });

  it('A dials B by typing the number; B sees who calls and answers; audio flows both ways', async () => {
    await apps.alice.dial(bob.user);
    const incoming = await apps.bob.waitForIncomingCall();
    expect(incoming).toContain(alice.user);
    expect(incoming).toContain('Alice');
    await apps.alice.waitForCallPhase('ringing');
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');

    // Each voice has its own rhythm of speech and pauses; chance matches between
    // different voices stay below ~0.5, the voice actually sent scores ~0.8.
    await Promise.all([
      expectToHear(apps.bob, voice('alice'), { control: voice('control'), label: 'B←Alice' }),
      expectToHear(apps.alice, voice('bob'), { control: voice('control'), label: 'A←Bob' }),
    ]);
  });

  it('B hangs up; the call ends on both sides and both call logs show it with direction and duration', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await apps.bob.hangup();
    await apps.alice.waitForCallPhase(null);
    await apps.bob.waitForCallPhase(null);
    const [rowA] = await apps.alice.callLogRows();
    const [rowB] = await apps.bob.callLogRows();
    expect(rowA).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    expect(rowB).toMatchObject({ direction: 'incoming', outcome: 'answered' });
    expect(rowA!.text).toMatch(/\b([6-9]|1\d)s\b/);
  });
});
