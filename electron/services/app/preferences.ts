/**
 * Small settings the core applies as they change: the UI language, the audio devices and
 * processing (applied by a running engine at once), and the provisioning service's address.
 */
import type { LanguagePreference } from '../../../src/shared/domain.ts';
import {
  DEFAULT_AUDIO_SETTINGS,
  mergeAudioSettings,
  type AudioSettingsPatch,
  type AudioStatus,
} from '../../../src/shared/audio.ts';
import {
  DEFAULT_DISPLAY_SETTINGS,
  mergeDisplaySettings,
  type DisplaySettingsPatch,
} from '../../../src/shared/display.ts';
import type { AppStateStore } from './app-state.ts';
import type { EngineLink } from './engine-link.ts';
import { resolveLanguage } from './language.ts';
import type { SettingsPort } from './ports.ts';

export type PreferencesDeps = {
  state: AppStateStore;
  settings: SettingsPort;
  engine: EngineLink;
  systemLocale: () => string;
  /** The provisioning service to use when the `provisioningUrl` setting is empty (e.g. the local switchboard's). */
  provisioningUrl?: string | undefined;
};

export class Preferences {
  private readonly deps: PreferencesDeps;

  constructor(deps: PreferencesDeps) {
    this.deps = deps;
  }

  setLanguage(preference: LanguagePreference): void {
    this.deps.settings.updateSettings({ languagePreference: preference });
    this.deps.state.update({
      languagePreference: preference,
      language: resolveLanguage(preference, this.deps.systemLocale()),
    });
  }

  /** Audio devices and processing: kept, shown to every UI window, and applied by a running engine at once. */
  setAudioSettings(patch: AudioSettingsPatch): void {
    const audio = mergeAudioSettings(this.deps.settings.getSettings().audio ?? DEFAULT_AUDIO_SETTINGS, patch);
    this.deps.settings.updateSettings({ audio });
    this.deps.state.update({ audioSettings: audio });
    if (this.deps.engine.isOpen) this.deps.engine.send('audioSettings', audio);
  }

  /** Theme and text size: kept, and shown to every UI window at once. */
  setDisplaySettings(patch: DisplaySettingsPatch): void {
    const display = mergeDisplaySettings(this.deps.settings.getSettings().display ?? DEFAULT_DISPLAY_SETTINGS, patch);
    this.deps.settings.updateSettings({ display });
    this.deps.state.update({ display });
  }

  /** The engine's report of the devices present and in use. */
  onEngineAudio(status: AudioStatus): void {
    this.deps.state.update({ audio: status });
  }

  /** Sign-in by mobile number: the setting if set, else what the host was started with, else ''. */
  provisioningUrl(): string {
    return this.deps.settings.getSettings().provisioningUrl || this.deps.provisioningUrl || '';
  }

  setProvisioningUrl(url: string): void {
    this.deps.settings.updateSettings({ provisioningUrl: url.trim() });
  }
}
