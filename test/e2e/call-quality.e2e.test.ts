/**
 * The in-call quality indicator and the call log's quality summary follow the network: a call
 * between two Switchboard users starts good, goes poor with a plain warning while iptables drops
 * a quarter of the media packets, and again while a UDP relay on the media path adds delay and
 * jitter, and recovers each time; the call log keeps the dip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { waitForValue, type AppDriver } from '../support/app-driver.ts';
import { startDelayRelay, type DelayRelay } from '../support/delay-relay.ts';
import { dropMediaPackets, rtpPortRange, type MediaLoss } from '../support/network-loss.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

/** What the indicator shows now: its level and MOS (null while none is shown). */
async function indicator(
  app: AppDriver,
): Promise<{ level: string | null; mos: number | null; rtt: number | null; loss: number | null; text: string }> {
  return app.ui().evaluate(() => {
    const element = document.querySelector('[data-testid="call-quality"]');
    return {
      level: element?.getAttribute('data-level') ?? null,
      mos: element ? Number(element.getAttribute('data-mos')) : null,
      rtt: element ? Number(element.getAttribute('data-rtt')) : null,
      loss: element ? Number(element.getAttribute('data-loss')) : null,
      text: (element as HTMLElement | null)?.innerText ?? '',
    };
  });
}

const level = (app: AppDriver) => async () => (await indicator(app)).level;
const notPoor = (app: AppDriver) => async () => {
  const shown = await indicator(app);
  return shown.level !== null && shown.level !== 'poor';
};

describe('call quality as the network degrades', () => {
  const { apps, switchboard } = useSignedInApps({
    apps: {
      alice: { signIn: { sipAccount: alice }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
  });
  let loss: MediaLoss | undefined;
  let relay: DelayRelay | undefined;

  beforeAll(async () => {
    // Before the call: the relay only catches flows that start after its rules.
    relay = await startDelayRelay(rtpPortRange(switchboard()));
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');
  });

  afterAll(async () => {
    loss?.remove();
    await relay?.stop();
  });

  it('a clean call is not flagged: no warning on either side, a good (or, on a starved CPU, fair) estimate', async () => {
    // A starved machine delays audio for real (the jitter buffer grows), so "good" is not guaranteed here.
    await waitForValue('A not poor', notPoor(apps.alice), true, 25_000);
    await waitForValue('B not poor', notPoor(apps.bob), true, 25_000);
    const shown = await indicator(apps.alice);
    console.log(`clean: A ${shown.text.replace(/\s+/g, ' ')} (MOS ${shown.mos})`);
    expect(shown.mos).toBeGreaterThanOrEqual(3.6);
    expect(await apps.alice.ui().getByTestId('quality-warning').count()).toBe(0);
    await apps.alice.screenshot(`en-in-call-quality-${shown.level}`);
  });

  it('losing 25 % of media packets turns it poor with "Your connection is losing audio", then it recovers', async () => {
    loss = dropMediaPackets(switchboard(), 0.25);
    const lossStarted = Date.now();
    await waitForValue('A poor', level(apps.alice), 'poor', 20_000);
    await waitForValue('B poor', level(apps.bob), 'poor', 20_000);
    console.log(`poor shown ${Date.now() - lossStarted} ms after the loss started`);
    const warning = apps.alice.ui().getByTestId('quality-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(apps.alice.strings.quality.warning.loss);
    const shown = await indicator(apps.alice);
    console.log(`lossy: A ${shown.text.replace(/\s+/g, ' ')} (MOS ${shown.mos})`);
    expect(shown.mos).toBeLessThan(3.6);
    await apps.alice.screenshot('en-in-call-quality-poor');

    loss.remove();
    const lossStopped = Date.now();
    // The loss shown goes back down within an interval or two; the estimate leaves "poor" once the
    // receiver's jitter buffer, grown to ride out the loss, has drained (slower on a starved CPU).
    await waitForValue('A loss gone', async () => (await indicator(apps.alice)).loss! < 2, true, 15_000);
    console.log(`loss gone ${Date.now() - lossStopped} ms after the loss stopped`);
    await waitForValue('A not poor', notPoor(apps.alice), true, 45_000);
    await waitForValue('B not poor', notPoor(apps.bob), true, 20_000);
    console.log(
      `not poor ${Date.now() - lossStopped} ms after the loss stopped: ${(await indicator(apps.alice)).level}`,
    );
    expect(await apps.alice.ui().getByTestId('quality-warning').count()).toBe(0);
  });

  it('a slow, jittery path (each relay hop 120 ms + up to 20 ms) turns it poor with "Your connection is slow", and the round trip recovers', async () => {
    relay!.set(120, 20);
    const started = Date.now();
    // Poor because of the delay: the round trip shown is long (the loss test left it short).
    await waitForValue(
      'A poor with a long round trip',
      async () => {
        const shown = await indicator(apps.alice);
        return shown.level === 'poor' && shown.rtt! > 200;
      },
      true,
      25_000,
    );
    console.log(`poor shown ${Date.now() - started} ms after the delay started`);
    const warning = apps.alice.ui().getByTestId('quality-warning');
    await warning.waitFor();
    const shown = await indicator(apps.alice);
    const details = await apps.alice.ui().locator('[data-testid="call-quality"] .quality-pill').getAttribute('title');
    console.log(`slow: A ${shown.text.replace(/\s+/g, ' ')} (${details})`);
    expect(await warning.innerText()).toContain(apps.alice.strings.quality.warning.delay);
    await apps.alice.screenshot('en-in-call-quality-slow');

    relay!.set(0, 0);
    const stopped = Date.now();
    // The round trip is short again within an RTCP report or two. The estimate itself stays low a
    // while longer: the receiver's jitter buffer, grown by the sudden delay, drains over tens of
    // seconds, and until then speech really does arrive late.
    await waitForValue('A round trip short again', async () => (await indicator(apps.alice)).rtt! < 50, true, 20_000);
    console.log(`round trip short again ${Date.now() - stopped} ms after the delay stopped`);
  });

  it("the call log keeps the call's quality: the dip as its lowest MOS, a better average", async () => {
    await apps.alice.hangup();
    await apps.bob.waitForCallPhase(null);
    const rows = apps.alice.ui().getByTestId('call-log-row');
    await apps.alice.callLogRows();
    const [minMos, avgMos] = await rows
      .first()
      .evaluate((row) => [Number(row.getAttribute('data-min-mos')), Number(row.getAttribute('data-avg-mos'))]);
    console.log(`call log: min MOS ${minMos}, avg MOS ${avgMos}`);
    expect(minMos).toBeGreaterThanOrEqual(1);
    expect(minMos).toBeLessThan(3.6);
    expect(avgMos).toBeGreaterThan(minMos!);
    expect(await rows.first().getByTestId('call-log-quality').innerText()).toContain('MOS');
    await apps.alice.screenshot('en-call-log-quality');
  });
});
