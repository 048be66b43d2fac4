/**
 * The pre-call check's sounds, played in the UI window on the device the user picked: a test
 * tone for the speaker, a ring for the ringer, the microphone's level and a loopback to hear
 * yourself. Device ids are the engine's (same origin, so the same ids).
 */
import { SYSTEM_DEFAULT } from '../../shared/audio.ts';

type SinkableContext = AudioContext & { setSinkId?(sinkId: string): Promise<void> };

export async function contextOn(deviceId: string): Promise<AudioContext> {
  const context = new AudioContext() as SinkableContext;
  if (deviceId !== SYSTEM_DEFAULT && context.setSinkId) {
    // A device gone since it was listed: the default plays instead of nothing.
    await context.setSinkId(deviceId).catch(() => undefined);
  }
  await context.resume();
  return context;
}

/** A short tone (or the two-tone ring) on the device; resolves when it has finished. */
export async function playTestTone(
  deviceId: string,
  options: { frequencies: number[]; seconds: number; volume: number },
): Promise<void> {
  const context = await contextOn(deviceId);
  const gain = context.createGain();
  gain.gain.value = 0.2 * options.volume;
  gain.connect(context.destination);
  for (const frequency of options.frequencies) {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start();
    oscillator.stop(context.currentTime + options.seconds);
  }
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000 + 100));
  await context.close();
}

export type MicCheck = { level(): number; stop(): void };

/**
 * Opens the chosen microphone with the chosen processing; level() reads 0 … 1 (RMS, scaled so
 * speech sits mid-scale). With `loopback`, the microphone also plays on the speaker device.
 */
export async function startMicCheck(options: {
  microphoneId: string;
  speakerId: string;
  constraints: { echoCancellation: boolean; noiseSuppression: boolean; autoGainControl: boolean };
  inputVolume: number;
  loopback: boolean;
}): Promise<MicCheck> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {
      ...(options.microphoneId !== SYSTEM_DEFAULT ? { deviceId: { exact: options.microphoneId } } : {}),
      ...options.constraints,
    },
    video: false,
  });
  const context = await contextOn(options.speakerId);
  const source = context.createMediaStreamSource(stream);
  const gain = context.createGain();
  gain.gain.value = options.inputVolume;
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(gain);
  gain.connect(analyser);
  if (options.loopback) gain.connect(context.destination);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // -60 dBFS … 0 dBFS onto 0 … 1.
      const db = 20 * Math.log10(Math.max(rms, 1e-6));
      return Math.min(1, Math.max(0, (db + 60) / 60));
    },
    stop() {
      for (const track of stream.getTracks()) track.stop();
      void context.close();
    },
  };
}
