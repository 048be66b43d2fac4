/**
 * The engine's audio devices: which microphone each call captures from, which device plays the
 * other party and which one rings. Follows the user's choices (settings from main), the OS default
 * as it changes, and devices coming and going mid-call: a call is never dropped for it, the
 * microphone capture is swapped behind the sent track (MicPipeline) and outputs move by setSinkId.
 * Every change is reported, so the user sees where audio goes and why.
 */
import {
  DEFAULT_AUDIO_SETTINGS,
  SYSTEM_DEFAULT,
  type AudioProblem,
  type AudioSettings,
  type AudioStatus,
} from '../shared/audio.ts';
import {
  defaultFingerprint,
  physicalDevices,
  resolveDevice,
  systemDefaultLabel,
  type DeviceEntry,
} from '../shared/audio-routing.ts';
import { MicPipeline } from './mic-pipeline.ts';

/** Where the engine plays: the other party (and ringback) on the speaker; incoming calls on the ringer. */
export type AudioOutputs = {
  setSpeaker(sinkId: string): void;
  setRinger(sinkId: string, volume: number): void;
};

/** setSinkId takes '' for the OS default, which then follows the OS as it changes. */
const sinkIdFor = (id: string | null) => (id === null || id === SYSTEM_DEFAULT ? '' : id);

export class AudioDevices {
  private settings: AudioSettings = DEFAULT_AUDIO_SETTINGS;
  private inputs: DeviceEntry[] = [];
  private outputs: DeviceEntry[] = [];
  private readonly pipelines = new Map<string, MicPipeline>();
  private context: AudioContext | null = null;
  /** What the current captures were opened with; a different key means capture again. */
  private captureKey = '';
  private speakerSink: string | null = null;
  private ringerKey: string | null = null;
  private micFailed: string | null = null;
  private refreshing: Promise<void> = Promise.resolve();
  private readonly audioOutputs: AudioOutputs;
  private readonly report: (status: AudioStatus) => void;

  constructor(outputs: AudioOutputs, report: (status: AudioStatus) => void) {
    this.audioOutputs = outputs;
    this.report = report;
  }

  /** Lists the devices and keeps listening for changes. */
  start(): void {
    navigator.mediaDevices?.addEventListener('devicechange', () => void this.refresh());
    void this.refresh();
  }

  apply(settings: AudioSettings): void {
    this.settings = settings;
    for (const pipeline of this.pipelines.values()) pipeline.setVolume(settings.inputVolume);
    void this.refresh();
  }

  /** For JsSIP's getUserMedia at dial and answer: the chosen microphone and processing. */
  mediaConstraints(): MediaStreamConstraints {
    return { audio: this.captureConstraints(), video: false };
  }

  /** Takes over a call's captured microphone; returns the track the call should send instead. */
  adoptMicrophone(callId: string, captured: MediaStreamTrack): MediaStreamTrack {
    const existing = this.pipelines.get(callId);
    if (existing) return existing.track;
    this.context ??= new AudioContext();
    const pipeline = new MicPipeline(this.context, captured, this.settings.inputVolume);
    this.pipelines.set(callId, pipeline);
    this.watchCapture(captured);
    return pipeline.track;
  }

  releaseMicrophone(callId: string): void {
    this.pipelines.get(callId)?.stop();
    this.pipelines.delete(callId);
  }

  /** For diagnostics and tests: the capture behind each call. */
  captureLabels(): Record<string, string> {
    return Object.fromEntries([...this.pipelines].map(([id, pipeline]) => [id, pipeline.deviceLabel]));
  }

  /** Serialized: a burst of devicechange events must not capture twice at once. */
  private refresh(options: { recapture?: boolean } = {}): Promise<void> {
    this.refreshing = this.refreshing
      .then(() => this.doRefresh(options))
      .catch((error: unknown) => {
        console.warn(`[engine] audio devices: ${String(error)}`);
      });
    return this.refreshing;
  }

  private async doRefresh({ recapture = false }: { recapture?: boolean }): Promise<void> {
    await this.enumerate();
    const mic = resolveDevice(this.settings.microphone, this.inputs);
    const speaker = resolveDevice(this.settings.speaker, this.outputs);
    const ringer = resolveDevice(this.settings.ringer, this.outputs);

    const speakerSink = sinkIdFor(speaker.id);
    if (speakerSink !== this.speakerSink) {
      this.speakerSink = speakerSink;
      this.audioOutputs.setSpeaker(speakerSink);
    }
    const ringerSink = sinkIdFor(ringer.id);
    const ringerKey = `${ringerSink}|${this.settings.ringVolume}`;
    if (ringerKey !== this.ringerKey) {
      this.ringerKey = ringerKey;
      this.audioOutputs.setRinger(ringerSink, this.settings.ringVolume);
    }

    const key = this.keyFor(mic.id);
    if ((key !== this.captureKey || recapture) && this.pipelines.size > 0 && mic.id !== null) {
      await this.recapture();
    }
    this.captureKey = key;

    const problems: AudioProblem[] = [];
    if (mic.id === null) problems.push({ kind: 'no-microphone', device: this.settings.microphone.label });
    else if (mic.missing) problems.push({ kind: 'microphone-missing', device: this.settings.microphone.label });
    if (this.micFailed !== null) problems.push({ kind: 'microphone-failed', device: this.micFailed });
    if (speaker.missing) problems.push({ kind: 'speaker-missing', device: this.settings.speaker.label });
    if (ringer.missing) problems.push({ kind: 'ringer-missing', device: this.settings.ringer.label });
    this.report({
      microphones: physicalDevices(this.inputs).map(({ deviceId, label }) => ({ id: deviceId, label })),
      speakers: physicalDevices(this.outputs).map(({ deviceId, label }) => ({ id: deviceId, label })),
      systemDefault: { microphone: systemDefaultLabel(this.inputs), speaker: systemDefaultLabel(this.outputs) },
      using: { microphone: mic.label, speaker: speaker.label, ringer: ringer.label },
      problems,
    });
  }

  private async enumerate(): Promise<void> {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    let entries = await devices.enumerateDevices();
    // Names are hidden until the page has captured once; the engine may capture, so ask once.
    if (entries.some((entry) => entry.kind === 'audioinput' && entry.label === '')) {
      try {
        const stream = await devices.getUserMedia({ audio: true, video: false });
        for (const track of stream.getTracks()) track.stop();
        entries = await devices.enumerateDevices();
      } catch {
        // No microphone or no permission: the lists stay nameless, calls report it.
      }
    }
    const plain = (kind: MediaDeviceKind) =>
      entries
        .filter((entry) => entry.kind === kind)
        .map(({ deviceId, label, groupId }) => ({ deviceId, label, groupId }));
    this.inputs = plain('audioinput');
    this.outputs = plain('audiooutput');
  }

  private captureConstraints(): MediaTrackConstraints | boolean {
    const mic = resolveDevice(this.settings.microphone, this.inputs);
    const { echoCancellation, noiseSuppression, autoGainControl } = this.settings;
    return {
      ...(mic.id !== null && mic.id !== SYSTEM_DEFAULT ? { deviceId: { exact: mic.id } } : {}),
      echoCancellation,
      noiseSuppression,
      autoGainControl,
    };
  }

  /** A capture "from the default" must follow the OS default, so its identity is part of the key. */
  private keyFor(micId: string | null): string {
    const { echoCancellation, noiseSuppression, autoGainControl } = this.settings;
    const followed = micId === SYSTEM_DEFAULT ? defaultFingerprint(this.inputs) : '';
    return `${micId}|${followed}|${echoCancellation}|${noiseSuppression}|${autoGainControl}`;
  }

  /** Every call captures from the device the settings now resolve to; a failure keeps the old capture. */
  private async recapture(): Promise<void> {
    try {
      for (const [callId, pipeline] of this.pipelines) {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: this.captureConstraints(), video: false });
        const captured = stream.getAudioTracks()[0];
        if (!captured || this.pipelines.get(callId) !== pipeline) {
          for (const track of stream.getTracks()) track.stop();
          continue;
        }
        pipeline.replaceCapture(captured);
        this.watchCapture(captured);
      }
      this.micFailed = null;
    } catch (error) {
      console.warn(`[engine] microphone capture failed: ${String(error)}`);
      this.micFailed = this.settings.microphone.label || systemDefaultLabel(this.inputs);
    }
  }

  /** A capture that ends by itself lost its device: capture again from what is there now. */
  private watchCapture(captured: MediaStreamTrack): void {
    captured.addEventListener('ended', () => void this.refresh({ recapture: true }));
  }
}
