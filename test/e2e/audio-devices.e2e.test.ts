/**
 * Audio devices with Chromium's fake devices, between two Switchboard users: the lists in
 * Settings, choices kept, the ringer ringing on its own device (setSinkId), and devices that
 * vanish, come back or become the OS default mid-call (an injected devicechange) while the call
 * and its audio go on.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, waitForValue, type AppDriver } from '../support/app-driver.ts';
import { CLEAR_MATCH, hears, voiceEnvelope } from '../support/hearing.ts';
import { renderVoice } from '../support/voices.ts';

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
  let switchboard: RunningSwitchboard;
  let appA: AppDriver;
  let appB: AppDriver;
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-voices-'));
  const aliceWav = renderVoice('alice', voices);
  const bobWav = renderVoice('bob', voices);
  const aliceVoice = voiceEnvelope(aliceWav);
  const bobVoice = voiceEnvelope(bobWav);
  const ids = { bobSpeaker: '', bobRinger: '' };

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [appA, appB] = await Promise.all([
      startApp({ switchboard, microphoneWav: aliceWav }),
      startApp({ switchboard, microphoneWav: bobWav }),
    ]);
    await appA.signIn(alice);
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
  });

  afterAll(async () => {
    await Promise.allSettled([appA?.stop(), appB?.stop()]);
    await switchboard?.stop();
  });

  it('Settings lists the microphones and speakers, "System default" first, for the ringer too', async () => {
    await appB.openTab('settings');
    await waitForValue(
      'microphones listed',
      async () => (await optionLabels(appB, 'microphone-select')).length,
      3,
      10_000,
    );
    expect(await optionLabels(appB, 'microphone-select')).toEqual([
      'System default (Fake Default Audio Input)',
      'Fake Audio Input 1',
      'Fake Audio Input 2',
    ]);
    const outputs = ['System default (Fake Default Audio Output)', 'Fake Audio Output 1', 'Fake Audio Output 2'];
    expect(await optionLabels(appB, 'speaker-select')).toEqual(outputs);
    expect(await optionLabels(appB, 'ringer-select')).toEqual(outputs);
  });

  it('choices are kept: talk on one output, ring on another, and a chosen microphone', async () => {
    ids.bobSpeaker = await choose(appB, 'speaker-select', 'Fake Audio Output 1');
    ids.bobRinger = await choose(appB, 'ringer-select', 'Fake Audio Output 2');
    await appA.openTab('settings');
    await choose(appA, 'microphone-select', 'Fake Audio Input 2');
    await appB
      .ui()
      .getByTestId('audio-settings')
      .evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await appB.screenshot('en-settings-audio');
    await appB.reloadUi();
    await appB.openTab('settings');
    expect(await appB.ui().getByTestId('ringer-select').locator('option:checked').innerText()).toBe(
      'Fake Audio Output 2',
    );
    const saved = JSON.parse(readFileSync(join(appB.dataDir, 'settings.json'), 'utf8')) as {
      audio: { ringer: { label: string }; speaker: { label: string } };
    };
    expect(saved.audio.ringer.label).toBe('Fake Audio Output 2');
    expect(saved.audio.speaker.label).toBe('Fake Audio Output 1');
  });

  it('the check before a call: the level meter moves with the microphone, tone and ring play on their devices', async () => {
    const page = appB.ui();
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
    await appB.screenshot('en-settings-precall-check');
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
    await appB.host.enginePage()!.evaluate(() => {
      const calls: string[] = [];
      const proto = AudioContext.prototype as AudioContext & { setSinkId(id: string): Promise<void> };
      const original = proto.setSinkId;
      proto.setSinkId = function (this: AudioContext, id: string) {
        calls.push(id);
        return original.call(this, id);
      };
      Object.assign(window, { sinkCalls: calls });
    });
    await appA.openTab('dialpad');
    await appA.dial(bob.user);
    await appB.waitForIncomingCall();
    await waitForValue('ringing on the ringer', async () => (await engineAudio(appB)).ringer, ids.bobRinger, 5000);
    const sinkCalls = await appB.host
      .enginePage()!
      .evaluate(() => (window as unknown as { sinkCalls: string[] }).sinkCalls);
    expect(sinkCalls).toContain(ids.bobRinger);
    expect(sinkCalls).not.toContain(ids.bobSpeaker);

    await appB.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
    await waitForValue(
      'call on the speaker',
      async () => Object.values((await engineAudio(appB)).speakers)[0],
      ids.bobSpeaker,
      5000,
    );
    await waitForValue(
      'A route shown',
      routeText(appA),
      'Mic: Fake Audio Input 2 Speaker: Fake Default Audio Output',
      5000,
    );
    expect(await routeText(appB)()).toBe('Mic: Fake Default Audio Input Speaker: Fake Audio Output 1');
    expect(Object.values((await engineAudio(appA)).captures)).toEqual(['Fake Audio Input 2']);
  });

  it('the chosen microphone unplugged mid-call: the call moves to the default, says so, and Bob still hears Alice', async () => {
    await injectDevices(appA, { hide: ['Fake Audio Input 2'] });
    const problem = appA.ui().getByTestId('audio-problem');
    await problem.waitFor({ timeout: 5000 });
    expect(await problem.innerText()).toContain('Microphone “Fake Audio Input 2” is not connected');
    await waitForValue(
      'A route default',
      routeText(appA),
      'Mic: Fake Default Audio Input Speaker: Fake Default Audio Output',
      5000,
    );
    await waitForValue(
      'A captures from the default',
      async () => Object.values((await engineAudio(appA)).captures)[0],
      'Fake Default Audio Input',
      5000,
    );
    await appA.screenshot('en-in-call-device-unplugged');
    expect(await appA.callPhase()).toBe('connected');
    const heard = await hears(appB, aliceVoice, bobVoice, { label: 'after unplug, B←Alice (control: Bob)' });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);

    await injectDevices(appA, {});
    await waitForValue(
      'A route back',
      routeText(appA),
      'Mic: Fake Audio Input 2 Speaker: Fake Default Audio Output',
      5000,
    );
    await problem.waitFor({ state: 'detached', timeout: 5000 });
    expect(Object.values((await engineAudio(appA)).captures)).toEqual(['Fake Audio Input 2']);
  });

  it('"System default" follows the OS: a new default microphone is captured mid-call and Alice still hears Bob', async () => {
    // Counts the engine's captures from now on: following the default means capturing again.
    await appB.host.enginePage()!.evaluate(() => {
      const devices = navigator.mediaDevices;
      const original = devices.getUserMedia.bind(devices);
      const counter = { captures: 0 };
      devices.getUserMedia = (constraints) => {
        counter.captures += 1;
        return original(constraints);
      };
      Object.assign(window, { captureCounter: counter });
    });
    await injectDevices(appB, { defaultInputIs: 'Fake Audio Input 1' });
    await waitForValue(
      'B follows the default',
      routeText(appB),
      'Mic: Fake Audio Input 1 Speaker: Fake Audio Output 1',
      5000,
    );
    const captures = await appB.host
      .enginePage()!
      .evaluate(() => (window as unknown as { captureCounter: { captures: number } }).captureCounter.captures);
    expect(captures).toBe(1);
    const heard = await hears(appA, bobVoice, aliceVoice, {
      label: 'after the default changed, A←Bob (control: Alice)',
    });
    expect(heard.voice).toBeGreaterThan(CLEAR_MATCH);
  });

  it('the speaker unplugged mid-call: audio moves to the default output with a message, the call goes on', async () => {
    await injectDevices(appB, { hide: ['Fake Audio Output 1'] });
    await appB.ui().getByTestId('audio-problem').waitFor({ timeout: 5000 });
    expect(await appB.ui().getByTestId('audio-problem').innerText()).toContain(
      'Speaker “Fake Audio Output 1” is not connected. Playing on Fake Default Audio Output instead.',
    );
    await waitForValue(
      'B plays on the default',
      async () => Object.values((await engineAudio(appB)).speakers)[0],
      '',
      5000,
    );
    expect(await appB.callPhase()).toBe('connected');
    await appA.hangup();
    await appB.waitForCallPhase(null);
  });
});
