/**
 * The company main number's auto-attendant in the reference switchboard: Alice (Switchboard)
 * dials the main number with the extension in a dial string ("8000,,1002"); the greeting
 * answers, the digits follow 4 s later, and the attendant puts her through to Bob, who rings
 * and answers. "0" goes to the operator group (8100), which rings its members. Digits go as SIP INFO here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoUsers,
  startBaresip,
  startSwitchboard,
  type BaresipPhone,
  type RunningSwitchboard,
} from '../../switchboard/index.ts';
import { startApp, waitForValue, type AppDriver } from '../support/app-driver.ts';
import { shownParty } from '../support/call-transfer-driver.ts';
import { CLEAR_MATCH, hears, voiceEnvelope } from '../support/hearing.ts';
import { renderVoice } from '../support/voices.ts';

const [alice, bob, deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('auto-attendant on the company main number', () => {
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;
  /** The operator group's other member, a desk phone that rings but is not picked up. */
  let phone: BaresipPhone;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const routes = () => switchboard.autoAttendant?.routes ?? [];

  beforeAll(async () => {
    switchboard = await startSwitchboard({ autoAttendant: { waitAfterGreetingMs: 4000 } });
    [appA, appB, phone] = await Promise.all([
      startApp({ switchboard, microphoneWav: renderVoice('alice', voices) }),
      startApp({ switchboard, microphoneWav: renderVoice('bob', voices) }),
      startBaresip({ switchboard, user: deskPhone }),
    ]);
    await phone.waitForRegistered();
    // Alice's account sends keypad digits as SIP INFO; RFC 4733 digits reach baresip as the same
    // CALL_DTMF_START events (test/e2e/in-call-phone.e2e.test.ts), which is all the attendant reads.
    await appA.signIn(alice, { dtmfMode: 'info' });
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop(), phone?.stop()]);
    await switchboard?.stop();
  });

  it('a dial string "8000,,1002" reaches Bob, who rings and answers; the attendant leg ends', async () => {
    await appA.dial('8000,,1002');
    await appA.waitForCallPhase('connected');
    expect(await shownParty(appA)).toContain('8000');
    const ringing = await appB.waitForIncomingCall(20_000);
    expect(ringing).toContain(alice.displayName);
    expect(routes().at(-1)).toMatchObject({ target: bob.user, why: 'extension' });
    await appB.answer();
    await appB.waitForCallPhase('connected');
    await waitForValue('Alice talks to Bob', () => shownParty(appA), bob.user, 10_000);
    await appA.waitForCallPhase('connected');
    // Only the call with Bob is left: the attendant's leg ended once Bob answered.
    await waitForValue(
      'one call left',
      async () => appA.host.core.state.get().calls.filter((c) => c.phase !== 'ended').length,
      1,
      10_000,
    );
    await appA.hangup();
    await appB.waitForCallPhase(null);
  });

  it('"0" on the keypad goes to the operator group, which rings its members; Bob answers, the desk phone stops', async () => {
    const from = phone.events.length;
    await appA.dial('8000');
    await appA.waitForCallPhase('connected');
    await appA.pressKeypad('0');
    await appB.waitForIncomingCall(20_000);
    expect(routes().at(-1)).toMatchObject({ target: switchboard.autoAttendant?.operatorGroup, why: 'operator' });
    await waitForValue(
      'the desk phone rings too',
      async () => phone.events.slice(from).some((event) => event.type === 'CALL_INCOMING'),
      true,
      10_000,
    );
    await appB.answer();
    await appB.waitForCallPhase('connected');
    await waitForValue('Alice talks to the operator group', () => shownParty(appA), '8100', 10_000);
    await waitForValue(
      'the desk phone stopped ringing',
      async () => phone.events.slice(from).some((event) => event.type === 'CALL_CLOSED'),
      true,
      10_000,
    );
    // The group call was forked to a WebRTC and a plain phone: its media still reaches Alice.
    const heard = await hears(
      appA,
      voiceEnvelope(renderVoice('bob', voices)),
      voiceEnvelope(renderVoice('control', voices)),
      {
        label: 'operator group call, A←Bob',
      },
    );
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
    await appB.hangup();
    await appA.waitForCallPhase(null);
  });
});
