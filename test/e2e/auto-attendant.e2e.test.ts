/**
 * The company main number's auto-attendant in the reference switchboard: Alice (Switchboard)
 * dials the main number with the extension in a dial string ("8000,,1002"); the greeting
 * answers, the digits follow 4 s later, and the attendant puts her through to Bob, who rings
 * and answers. "0" goes to the operator group (8100), which rings its members. Digits go as SIP INFO here.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { waitForValue } from '../support/app-driver.ts';
import { shownParty } from '../support/call-transfer-driver.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob, deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('auto-attendant on the company main number', () => {
  const { apps, phones, switchboard } = useSignedInApps({
    switchboard: { autoAttendant: { waitAfterGreetingMs: 4000 } },
    apps: {
      // Alice's account sends keypad digits as SIP INFO; RFC 4733 digits reach baresip as the same
      // CALL_DTMF_START events (test/e2e/in-call-phones.desk.e2e.test.ts), which is all the attendant reads.
      alice: { signIn: { sipAccount: alice, dtmfMode: 'info' }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
    /** The operator group's other member, a desk phone that rings but is not picked up. */
    phones: { desk: { user: deskPhone } },
  });
  const routes = () => switchboard().autoAttendant?.routes ?? [];

  it('a dial string "8000,,1002" reaches Bob, who rings and answers; the attendant leg ends', async () => {
    await apps.alice.dial('8000,,1002');
    await apps.alice.waitForCallPhase('connected');
    expect(await shownParty(apps.alice)).toContain('8000');
    const ringing = await apps.bob.waitForIncomingCall(20_000);
    expect(ringing).toContain(alice.displayName);
    expect(routes().at(-1)).toMatchObject({ target: bob.user, why: 'extension' });
    await apps.bob.answer();
    await apps.bob.waitForCallPhase('connected');
    await waitForValue('Alice talks to Bob', () => shownParty(apps.alice), bob.user, 10_000);
    await apps.alice.waitForCallPhase('connected');
    // Only the call with Bob is left: the attendant's leg ended once Bob answered.
    await waitForValue(
      'one call left',
      async () => apps.alice.host.core.state.get().calls.filter((c) => c.phase !== 'ended').length,
      1,
      10_000,
    );
    await apps.alice.hangup();
    await apps.bob.waitForCallPhase(null);
  });

  it('"0" on the keypad goes to the operator group, which rings its members; Bob answers, the desk phone stops', async () => {
    const from = phones.desk.events.length;
    await apps.alice.dial('8000');
    await apps.alice.waitForCallPhase('connected');
    await apps.alice.pressKeypad('0');
    await apps.bob.waitForIncomingCall(20_000);
    expect(routes().at(-1)).toMatchObject({ target: switchboard().autoAttendant?.operatorGroup, why: 'operator' });
    await waitForValue(
      'the desk phone rings too',
      async () => phones.desk.events.slice(from).some((event) => event.type === 'CALL_INCOMING'),
      true,
      10_000,
    );
    await apps.bob.answer();
    await apps.bob.waitForCallPhase('connected');
    await waitForValue('Alice talks to the operator group', () => shownParty(apps.alice), '8100', 10_000);
    await waitForValue(
      'the desk phone stopped ringing',
      async () => phones.desk.events.slice(from).some((event) => event.type === 'CALL_CLOSED'),
      true,
      10_000,
    );
    // The group call was forked to a WebRTC and a plain phone: its media still reaches Alice.
    await expectToHear(apps.alice, voice('bob'), { control: voice('control'), label: 'operator group call, A←Bob' });
    await apps.bob.hangup();
    await apps.alice.waitForCallPhase(null);
  });
});
