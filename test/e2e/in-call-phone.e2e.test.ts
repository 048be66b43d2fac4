/**
 * In-call keypad against a plain SIP phone (baresip, extension 1003): RFC 4733
 * telephone-events from the keypad and from dial strings with extensions arrive at the
 * phone in order, which reports each as a CALL_DTMF_START event.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keypad digits to a plain SIP phone', () => {
  const { apps, phones } = useSignedInApps({
    apps: { alice: { signIn: { sipAccount: alice } } },
    phones: { desk: { user: deskPhone, autoAnswer: true } },
  });

  /** Digits the phone received since `from` (event index), in order, with when each arrived. */
  const received = (from: number) =>
    phones.desk.events
      .slice(from)
      .filter((event) => event.type === 'CALL_DTMF_START')
      .map((event) => ({ digit: String(event['param']), at: event.at }));

  async function waitForDigits(from: number, count: number, timeoutMs: number) {
    const until = Date.now() + timeoutMs;
    while (received(from).length < count && Date.now() < until) await pause(100);
    return received(from);
  }

  it('a dial string with ",," dials the number, waits 4 s after connect, then sends the extension', async () => {
    const from = phones.desk.events.length;
    await apps.alice.dial('1003,,45');
    const established = await phones.desk.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.alice.waitForCallPhase('connected');
    const digits = await waitForDigits(from, 2, 15_000);
    console.log(`dial string digits ${JSON.stringify(digits.map((d) => [d.digit, d.at - established.at]))}`);
    expect(digits.map((d) => d.digit).join('')).toBe('45');
    // Two commas are 4 s; the phone's "established" and the app's "connected" are within a moment.
    expect(digits[0]!.at - established.at).toBeGreaterThan(3_000);
  });

  it('keypad digits by click and keyboard arrive as RFC 4733 events in order, with the keypad shown', async () => {
    const from = phones.desk.events.length;
    await apps.alice.pressKeypad('7*9', 'click');
    await apps.alice.pressKeypad('#0', 'keyboard');
    const digits = await waitForDigits(from, 5, 10_000);
    expect(digits.map((d) => d.digit).join('')).toBe('7*9#0');
    await apps.alice.screenshot('en-in-call-keypad');
    await apps.alice.hangup();
    await phones.desk.waitForEvent('CALL_CLOSED', 10_000);
    await apps.alice.waitForCallPhase(null);
  });

  it('a dial string with ";" asks before sending: "Send 88" sends the digits', async () => {
    const from = phones.desk.events.length;
    await apps.alice.dial('1003;88');
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 15_000);
    await apps.alice.waitForCallPhase('connected');
    const button = apps.alice.ui().getByTestId('send-pending-digits');
    await button.waitFor({ timeout: 10_000 });
    expect(await button.innerText()).toContain('88');
    await pause(1500);
    expect(received(from)).toEqual([]);
    await button.click();
    const digits = await waitForDigits(from, 2, 10_000);
    expect(digits.map((d) => d.digit).join('')).toBe('88');
    await button.waitFor({ state: 'detached', timeout: 5_000 });
    await apps.alice.hangup();
    await phones.desk.waitForEvent('CALL_CLOSED', 10_000);
  });
});
