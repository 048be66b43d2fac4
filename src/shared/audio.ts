/**
 * Audio devices and processing: what the user chose (settings), and what the engine found and
 * uses (status). The engine page enumerates devices and plays and captures audio; the UI learns
 * the device list from main's state, never by its own enumeration, so both always agree.
 */
import { z } from 'zod';

/** The id Chromium gives the OS default device, which the engine follows as the OS changes it. */
export const SYSTEM_DEFAULT = 'default';

const DeviceIdSchema = z.string().max(256);
const DeviceLabelSchema = z.string().max(256);

/** A chosen device: its id and the name it had, so a missing device can still be named. */
export const DeviceChoiceSchema = z.strictObject({ id: DeviceIdSchema, label: DeviceLabelSchema });
export type DeviceChoice = z.infer<typeof DeviceChoiceSchema>;
export const SYSTEM_DEFAULT_CHOICE: DeviceChoice = { id: SYSTEM_DEFAULT, label: '' };

export const AudioSettingsSchema = z.strictObject({
  microphone: DeviceChoiceSchema,
  speaker: DeviceChoiceSchema,
  /** Where incoming calls ring: e.g. the loudspeaker while talking on a headset. */
  ringer: DeviceChoiceSchema,
  echoCancellation: z.boolean(),
  noiseSuppression: z.boolean(),
  autoGainControl: z.boolean(),
  /** Gain on the microphone before it is sent: 1 leaves it as captured, up to 2 (+6 dB). */
  inputVolume: z.number().min(0).max(2),
  /** Ring tone loudness, 0 … 1. */
  ringVolume: z.number().min(0).max(1),
  /**
   * Contact-center hold (TCCC 通话保持): the held party hears the hold music and never us, while we keep
   * hearing them. Off (absent) is the standard SIP hold (a=sendonly), where neither hears the other.
   */
  listeningHold: z.boolean().optional(),
});
export type AudioSettings = z.infer<typeof AudioSettingsSchema>;

export const DEFAULT_AUDIO_SETTINGS: AudioSettings = {
  microphone: SYSTEM_DEFAULT_CHOICE,
  speaker: SYSTEM_DEFAULT_CHOICE,
  ringer: SYSTEM_DEFAULT_CHOICE,
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  inputVolume: 1,
  ringVolume: 0.8,
  listeningHold: false,
};

export const AudioSettingsPatchSchema = AudioSettingsSchema.partial();
export type AudioSettingsPatch = z.infer<typeof AudioSettingsPatchSchema>;

export const AudioDeviceSchema = z.strictObject({ id: DeviceIdSchema, label: DeviceLabelSchema });
export type AudioDevice = z.infer<typeof AudioDeviceSchema>;

/** Why a device the user chose is not the one in use. */
export const AudioProblemSchema = z.strictObject({
  kind: z.enum(['microphone-missing', 'speaker-missing', 'ringer-missing', 'no-microphone', 'microphone-failed']),
  /** The chosen device's name. */
  device: DeviceLabelSchema,
});
export type AudioProblem = z.infer<typeof AudioProblemSchema>;

export const AudioStatusSchema = z.strictObject({
  /** Physical devices; the system default is offered separately. */
  microphones: z.array(AudioDeviceSchema).max(64),
  speakers: z.array(AudioDeviceSchema).max(64),
  /** The OS default devices' names now. */
  systemDefault: z.strictObject({ microphone: DeviceLabelSchema, speaker: DeviceLabelSchema }),
  /** The devices in use now, by name: where the user's audio goes. Empty when there is none. */
  using: z.strictObject({ microphone: DeviceLabelSchema, speaker: DeviceLabelSchema, ringer: DeviceLabelSchema }),
  problems: z.array(AudioProblemSchema).max(4),
});
export type AudioStatus = z.infer<typeof AudioStatusSchema>;

/** The settings with a patch applied; fields the patch leaves out (or undefined) stay. */
export function mergeAudioSettings(base: AudioSettings, patch: AudioSettingsPatch): AudioSettings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return AudioSettingsSchema.parse({ ...base, ...defined });
}
