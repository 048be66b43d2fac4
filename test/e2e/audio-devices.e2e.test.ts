/**
 * Audio devices with Chromium's fake devices, between two Switchboard users: the lists in
 * Settings, choices kept, the ringer ringing on its own device (setSinkId), and devices that
 * vanish, come back or become the OS default mid-call (an injected devicechange) while the call
 * and its audio go on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { waitForValue, type AppDriver } from '../support/app-driver.ts';
import { expectToHear, voice } from '../support/hearing.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

type EngineAudio = { captures: Record<string, string>; speakers: Record<string, string>; ringer: string | null };

/** The engine page's view of where each call's audio goes (diagnostics hook). */
function engineAudio(app: AppDriver): Promise<EngineAudio> {
  return app.host
    .enginePage()!
    .evaluate(() =>
      (window as unknown as { switchboardEngine: { audioRoute(): EngineAudio } }).switchboardEngine.audioRoute(),
    );
}

/**
 * Makes the engine page see another device list, as when a headset is unplugged or the OS
 * changes its default, and fires the devicechange event Chromium would fire.
 */
async function injectDevices(
  app: AppDriver,
  change: { hide?: string[]; defaultInputIs?: string | null },
): Promise<void> {
  await app.host.enginePage()!.evaluate((change) => {
    const devices = navigator.mediaDevices as MediaDevices & { realEnumerate?: () => Promise<MediaDeviceInfo[]> };
    devices.realEnumerate ??= devices.enumerateDevices.bind(devices);
    const real = devices.realEnumerate;
    devices.enumerateDevices = async () => {
      const listed = (await real()).filter((device) => !(change.hide ?? []).includes(device.label));
      const target = listed.find((device) => device.kind === 'audioinput' && device.label === change.defaultInputIs);
      return listed.map((device) =>
        target && device.kind === 'audioinput' && device.deviceId === 'default'
          ? ({ ...device.toJSON(), label: target.label, groupId: target.groupId } as MediaDeviceInfo)
          : device,
      );
    };
    devices.dispatchEvent(new Event('devicechange'));
  }, change);
}

async function optionLabels(app: AppDriver, testId: string): Promise<string[]> {
  return app.ui().getByTestId(testId).locator('option').allInnerTexts();
}

async function choose(app: AppDriver, testId: string, label: string): Promise<string> {
  const select = app.ui().getByTestId(testId);
  await select.selectOption({ label });
  await waitForValue(`${testId} ${label}`, async () => await select.locator('option:checked').innerText(), label, 5000);
  return select.inputValue();
}

const routeText = (app: AppDriver) => async () =>
  (
    await app
      .ui()
      .getByTestId('audio-route')
      .innerText()
      .catch(() => '')
  ).replace(/\s+/g, ' ');

describe('audio devices', () => {
  const { apps } = useSignedInApps({
    apps: {
      alice: { signIn: { sipAccount: alice }, microphone: 'alice' },
      bob: { signIn: { sipAccount: bob }, microphone: 'bob' },
    },
  });
  const ids = { bobSpeaker: '', bobRinger: '' };

  it('Settings lists the microphones and speakers, "System default" first, for the ringer too', async () => {
    await apps.bob.openTab('settings');
    await waitForValue(
      'microphones listed',
      async () => (await optionLabels(apps.bob, 'microphone-select')).length,
      3,
      10_000,
    );
    expect(await optionLabels(apps.bob, 'microphone-select')).toEqual([
      'System default (Fake Default Audio Input)',
      'Fake Audio Input 1',
      'Fake Audio Input 2',
    ]);
    const outputs = ['System default (Fake Default Audio Output)', 'Fake Audio Output 1', 'Fake Audio Output 2'];
    expect(await optionLabels(apps.bob, 'speaker-select')).toEqual(outputs);
    expect(await optionLabels(apps.bob, 'ringer-select')).toEqual(outputs);
  });

  it('choices are kept: talk on one output, ring on another, and a chosen microphone', async () => {
    ids.bobSpeaker = await choose(apps.bob, 'speaker-select', 'Fake Audio Output 1');
    ids.bobRinger = await choose(apps.bob, 'ringer-select', 'Fake Audio Output 2');
    await apps.alice.openTab('settings');
    await choose(apps.alice, 'microphone-select', 'Fake Audio Input 2');
    await apps.bob
      .ui()
      .getByTestId('audio-settings')
      .evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await apps.bob.screenshot('en-settings-audio');
    await apps.bob.reloadUi();
    await apps.bob.openTab('settings');
    expect(await apps.bob.ui().getByTestId('ringer-select').locator('option:checked').innerText()).toBe(
      'Fake Audio Output 2',
    );
    const saved = JSON.parse(readFileSync(join(apps.bob.dataDir, 'settings.json'), 'utf8')) as {
      audio: { ringer: { label: string }; speaker: { label: string } };
    };
    expect(saved.audio.ringer.label).toBe('Fake Audio Output 2');
    expect(saved.audio.speaker.label).toBe('Fake Audio Output 1');
  });

  it('the check before a call: the level meter moves with the microphone, tone and ring play on their devices', async () => {
    const page = apps.bob.ui();
    // Records the output device each of the UI window's sounds is sent to.
    await page.evaluate(() => {
      const calls: string[] = [];
      const proto = AudioContext.prototype as AudioContext & { setSinkId(id: string): Promise<void> };
      const original = proto.setSinkId;
      proto.setSinkId = function (this: AudioContext, id: string) {
        calls.push(id);
        return original.call(this, id);
      };
      Object.assign(window, { sinkCalls: calls });
    });
    await page.getByTestId('test-microphone').click();
    const meter = page.getByTestId('mic-level');
    await waitForValue(
      'the meter shows Bob speaking',
      async () => Number(await meter.getAttribute('aria-valuenow')) > 20,
      true,
      10_000,
    );
    await page.getByTestId('precall-check').scrollIntoViewIfNeeded();
    await apps.bob.screenshot('en-settings-precall-check');
    await page.getByTestId('test-microphone').click();
    await waitForValue('meter off', async () => meter.getAttribute('aria-valuenow'), '0', 5000);
    await page.getByTestId('test-speaker').click();
    await page.getByTestId('test-ringer').click();
    await waitForValue('sounds played', async () => page.getByTestId('test-ringer').isEnabled(), true, 5000);
    const sinks = await page.evaluate(() => (window as unknown as { sinkCalls: string[] }).sinkCalls);
    expect(sinks).toContain(ids.bobSpeaker);
    expect(sinks).toContain(ids.bobRinger);
  });

  it('an incoming call rings on the ringer device; the answered call plays on the speaker device', async () => {
    // Records every setSinkId an AudioContext gets from now on.
    await apps.bob.host.enginePage()!.evaluate(() => {
      const calls: string[] = [];
      const proto = AudioContext.prototype as AudioContext & { setSinkId(id: string): Promise<void> };
      const original = proto.setSinkId;
      proto.setSinkId = function (this: AudioContext, id: string) {
        calls.push(id);
        return original.call(this, id);
      };
      Object.assign(window, { sinkCalls: calls });
    });
    await apps.alice.openTab('dialpad');
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await waitForValue('ringing on the ringer', async () => (await engineAudio(apps.bob)).ringer, ids.bobRinger, 5000);
    const sinkCalls = await apps.bob.host
      .enginePage()!
      .evaluate(() => (window as unknown as { sinkCalls: string[] }).sinkCalls);
    expect(sinkCalls).toContain(ids.bobRinger);
    expect(sinkCalls).not.toContain(ids.bobSpeaker);

    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.bob.waitForCallPhase('connected');
    await waitForValue(
      'call on the speaker',
      async () => Object.values((await engineAudio(apps.bob)).speakers)[0],
      ids.bobSpeaker,
      5000,
    );
    await waitForValue(
      'A route shown',
      routeText(apps.alice),
      'Mic: Fake Audio Input 2 Speaker: Fake Default Audio Output',
      5000,
    );
    expect(await routeText(apps.bob)()).toBe('Mic: Fake Default Audio Input Speaker: Fake Audio Output 1');
    expect(Object.values((await engineAudio(apps.alice)).captures)).toEqual(['Fake Audio Input 2']);
  });

  it('the chosen microphone unplugged mid-call: the call moves to the default, says so, and Bob still hears Alice', async () => {
    await injectDevices(apps.alice, { hide: ['Fake Audio Input 2'] });
    const problem = apps.alice.ui().getByTestId('audio-problem');
    await problem.waitFor({ timeout: 5000 });
    expect(await problem.innerText()).toContain('Microphone “Fake Audio Input 2” is not connected');
    await waitForValue(
      'A route default',
      routeText(apps.alice),
      'Mic: Fake Default Audio Input Speaker: Fake Default Audio Output',
      5000,
    );
    await waitForValue(
      'A captures from the default',
      async () => Object.values((await engineAudio(apps.alice)).captures)[0],
      'Fake Default Audio Input',
      5000,
    );
    await apps.alice.screenshot('en-in-call-device-unplugged');
    expect(await apps.alice.callPhase()).toBe('connected');
    await expectToHear(apps.bob, voice('alice'), { control: voice('control'), label: 'after unplug, B←Alice' });

    await injectDevices(apps.alice, {});
    await waitForValue(
      'A route back',
      routeText(apps.alice),
      'Mic: Fake Audio Input 2 Speaker: Fake Default Audio Output',
      5000,
    );
    await problem.waitFor({ state: 'detached', timeout: 5000 });
    expect(Object.values((await engineAudio(apps.alice)).captures)).toEqual(['Fake Audio Input 2']);
  });

  it('"System default" follows the OS: a new default microphone is captured mid-call and Alice still hears Bob', async () => {
    // Counts the engine's captures from now on: following the default means capturing again.
    await apps.bob.host.enginePage()!.evaluate(() => {
      const devices = navigator.mediaDevices;
      const original = devices.getUserMedia.bind(devices);
      const counter = { captures: 0 };
      devices.getUserMedia = (constraints) => {
        counter.captures += 1;
        return original(constraints);
      };
      Object.assign(window, { captureCounter: counter });
    });
    await injectDevices(apps.bob, { defaultInputIs: 'Fake Audio Input 1' });
    await waitForValue(
      'B follows the default',
      routeText(apps.bob),
      'Mic: Fake Audio Input 1 Speaker: Fake Audio Output 1',
      5000,
    );
    const captures = await apps.bob.host
      .enginePage()!
      .evaluate(() => (window as unknown as { captureCounter: { captures: number } }).captureCounter.captures);
    expect(captures).toBe(1);
    await expectToHear(apps.alice, voice('bob'), {
      control: voice('control'),
      label: 'after the default changed, A←Bob',
    });
  });

  it('the speaker unplugged mid-call: audio moves to the default output with a message, the call goes on', async () => {
    await injectDevices(apps.bob, { hide: ['Fake Audio Output 1'] });
    await apps.bob.ui().getByTestId('audio-problem').waitFor({ timeout: 5000 });
    expect(await apps.bob.ui().getByTestId('audio-problem').innerText()).toContain(
      'Speaker “Fake Audio Output 1” is not connected. Playing on Fake Default Audio Output instead.',
    );
    await waitForValue(
      'B plays on the default',
      async () => Object.values((await engineAudio(apps.bob)).speakers)[0],
      '',
      5000,
    );
    expect(await apps.bob.callPhase()).toBe('connected');
    await apps.alice.hangup();
    await apps.bob.waitForCallPhase(null);
  });
});
