import { z } from 'zod';
import { HistoryRetentionSchema, LanguagePreferenceSchema } from '../../../src/shared/domain.ts';
import { ProvisioningUrlSchema } from '../../../src/shared/number-sign-in.ts';
import { AudioSettingsSchema, DEFAULT_AUDIO_SETTINGS } from '../../../src/shared/audio.ts';
import { AgentSettingsSchema, DEFAULT_AGENT_SETTINGS } from '../../../src/shared/presence.ts';
import { DEFAULT_DISPLAY_SETTINGS, DisplaySettingsSchema } from '../../../src/shared/display.ts';
import { StationMemoriesSchema } from '../../../src/shared/station.ts';

/**
 * Every setting with its default. To add one: add a field with `.default(...)`; stored files
 * without it read the default, and unknown keys left by newer builds are ignored.
 */
export const SettingsSchema = z.object({
  languagePreference: LanguagePreferenceSchema.default('system'),
  historyRetention: HistoryRetentionSchema.default('forever'),
  /** The provisioning service for sign-in by mobile number; empty: the app's built-in default, if any. */
  provisioningUrl: ProvisioningUrlSchema.default(''),
  /** Devices, processing and volumes (issue 6). */
  audio: AudioSettingsSchema.default(DEFAULT_AUDIO_SETTINGS),
  /** The last chosen working status (restored at sign-in) and the user's auto-answer choice (issue 10). */
  agent: AgentSettingsSchema.default(DEFAULT_AGENT_SETTINGS),
  /** Theme and text size (issue 21). */
  display: DisplaySettingsSchema.default(DEFAULT_DISPLAY_SETTINGS),
  /** The station step's role and team per e-mail account, preselected at its next sign-in (issue 18). */
  stations: StationMemoriesSchema.default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What a caller may change: any subset of known keys, nothing else. */
export const SettingsPatchSchema = z.strictObject(SettingsSchema.shape).partial();
export type SettingsPatch = Partial<Settings>;

export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];
