import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIO_SETTINGS, type AudioStatus } from '../../../src/shared/audio.ts';
import { MemoryStore } from '../settings/key-value-store.ts';
import { SettingsService } from '../settings/settings-service.ts';
import { createTestCore } from './test-doubles.ts';

const account = { server: 'ws://127.0.0.1:5066', user: '1001', password: 'secret', displayName: 'Alice' };
const headset = { id: 'jabra', label: 'Jabra Evolve2 40' };

describe('audio settings through main', () => {
  it('keeps a choice, shows it to the UI, and hands the whole settings to the engine', async () => {
    const settings = new SettingsService(new MemoryStore());
    const test = createTestCore({ settings });
    const route = test.ui;
    expect(test.core.state.get().audioSettings).toEqual(DEFAULT_AUDIO_SETTINGS);

    await route('signIn', account);
    // Sent with the registration, so the first call already uses the chosen devices.
    expect(test.commands.map((command) => command.command)).toEqual(['register', 'audioSettings']);

    expect(await route('setAudioSettings', { patch: { microphone: headset, ringVolume: 0.5 } })).toEqual({
      ok: true,
      value: undefined,
    });
    const expected = { ...DEFAULT_AUDIO_SETTINGS, microphone: headset, ringVolume: 0.5 };
    expect(settings.getSettings().audio).toEqual(expected);
    expect(test.core.state.get().audioSettings).toEqual(expected);
    expect(test.commands.at(-1)).toEqual({ command: 'audioSettings', payload: expected });
    // A later patch keeps the earlier choice.
    await route('setAudioSettings', { patch: { noiseSuppression: false } });
    expect(settings.getSettings().audio).toMatchObject({ microphone: headset, noiseSuppression: false });
  });

  it('refuses impossible values and unknown fields with a message, changing nothing', async () => {
    const settings = new SettingsService(new MemoryStore());
    const route = createTestCore({ settings }).ui;
    expect(await route('setAudioSettings', { patch: { inputVolume: 5 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await route('setAudioSettings', { patch: { speaker: { id: 'x' } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await route('setAudioSettings', { patch: { loudness: 11 } })).toMatchObject({ ok: false });
    expect(settings.getSettings().audio).toEqual(DEFAULT_AUDIO_SETTINGS);
  });

  it("puts the engine's device report in the state every UI window renders", async () => {
    const test = createTestCore();
    const status: AudioStatus = {
      microphones: [headset],
      speakers: [],
      systemDefault: { microphone: headset.label, speaker: '' },
      using: { microphone: headset.label, speaker: '', ringer: '' },
      problems: [{ kind: 'speaker-missing', device: 'Speakers' }],
    };
    expect(await test.engine('audio', status)).toEqual({ ok: true, value: undefined });
    expect(test.core.state.get().audio).toEqual(status);
    expect(test.broadcasts.at(-1)).toMatchObject({ event: 'state', payload: { audio: status } });
    expect(await test.engine('audio', { ...status, problems: [{ kind: 'fire' }] })).toMatchObject({
      ok: false,
    });
  });
});
