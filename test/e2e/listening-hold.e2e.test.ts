/**
 * The contact-center hold (TCCC 通话保持, Settings › Audio): the customer, on a plain SIP phone
 * through the real switchboard, hears the hold music and never the agent, while the agent keeps
 * hearing the customer; resume brings the agent's voice back. Checked with real audio: the agent's
 * inbound audio against the customer's voice, and the phone's recording of the hold against the
 * hold music and the agent's voice. The standard SIP hold (the default) is in-call-controls.e2e.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { expectToHear, holdMusic, inboundLoudness, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';
import { renderRepeatedVoice } from '../support/voices.ts';

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The part of a recording from `fromMs` to `toMs` (ms into the call), as its own WAV. */
function cut(wav: string, name: string, fromMs: number, toMs: number): string {
  const out = join(wav, '..', name);
  execFileSync('sox', [wav, out, 'trim', String(fromMs / 1000), String((toMs - fromMs) / 1000)]);
  return out;
}

describe('the contact-center hold: the customer hears music, the agent still hears the customer', () => {
  const phoneHeard = (): string => join(switchboard().runDir, 'customer-heard.wav');
  const { apps, phones, switchboard } = useSignedInApps({
    apps: { alice: { signIn: { sipAccount: alice }, microphone: 'alice' } },
    phones: {
      // The customer: speaks as "bob" for the whole test (baresip plays its file once) and records the call.
      customer: () => ({
        user: deskPhone,
        autoAnswer: true,
        playWav: renderRepeatedVoice('bob', 120),
        recordWav: phoneHeard(),
      }),
    },
  });

  it('the standard hold stays the default: on hold the agent hears nothing of the customer', async () => {
    await apps.alice.dial(deskPhone.user);
    await phones.customer.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.alice.waitForCallPhase('connected');
    const talking = await inboundLoudness(apps.alice, 3_000);
    await apps.alice.setHeld(true);
    await pause(1_000);
    const held = await inboundLoudness(apps.alice, 3_000);
    console.log(
      `standard hold: agent hears ${talking.mean.toExponential(2)} talking, ${held.max.toExponential(2)} held`,
    );
    expect(talking.mean).toBeGreaterThan(1e-4);
    expect(held.max).toBeLessThan(talking.mean / 100);
    await apps.alice.hangup();
    await phones.customer.waitForEvent('CALL_CLOSED', 10_000);
    await apps.alice.waitForCallPhase(null);
  });

  it('with the setting on, the customer hears the hold music and not the agent; the agent hears the customer throughout; resume brings the agent back', async () => {
    await apps.alice.openTab('settings');
    const toggle = apps.alice.ui().getByTestId('toggle-listeningHold');
    await toggle.check();
    await expect.poll(() => apps.alice.host.core.state.get().audioSettings?.listeningHold).toBe(true);
    await apps.alice.screenshot('en-settings-listening-hold');
    await apps.alice.openTab('dialpad');

    await apps.alice.dial(deskPhone.user);
    const established = await phones.customer.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.alice.waitForCallPhase('connected');
    await pause(1_000);
    await apps.alice.setHeld(true);
    const heldAt = Date.now() - established.at;
    await apps.alice.ui().getByTestId('held-badge').waitFor();
    await apps.alice.screenshot('en-in-call-listening-hold');
    await expectToHear(apps.alice, voice('bob'), { control: voice('control'), label: 'agent on hold ← customer' });
    await pause(1_000);
    await apps.alice.setHeld(false);
    const resumedAt = Date.now() - established.at;
    await expectToHear(apps.alice, voice('bob'), { control: voice('control'), label: 'agent resumed ← customer' });
    await pause(1_000);
    await apps.alice.hangup();
    await phones.customer.waitForEvent('CALL_CLOSED', 10_000);
    await apps.alice.waitForCallPhase(null);

    // What the customer's phone decoded: the hold (its edges left out), then the time after resume.
    console.log(`held ${heldAt} ms to ${resumedAt} ms into the call`);
    const onHold = cut(phoneHeard(), 'customer-on-hold.wav', heldAt + 1_000, resumedAt - 500);
    await expectToHear({ recordedWav: onHold, skipMs: 0 }, holdMusic(), {
      control: voice('alice'),
      margin: 0.2,
      label: 'customer on hold ← hold music',
    });
    const resumed = cut(phoneHeard(), 'customer-resumed.wav', resumedAt + 1_000, resumedAt + 11_000);
    await expectToHear({ recordedWav: resumed, skipMs: 0 }, voice('alice'), {
      control: holdMusic(),
      margin: 0.1,
      label: 'customer resumed ← agent',
    });
  });
});
