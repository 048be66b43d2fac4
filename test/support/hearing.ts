/**
 * "Does this listener hear that sound?": the one way e2e tests say A hears B.
 *
 *   await expectToHear(apps.bob, voice('alice'), { control: voice('control'), label: 'B←Alice' });
 *   await expectToHear({ recordedWav }, voice('alice'), { control: voice('control'), label: 'phone←Alice' });
 *
 * The listener is an app (what its engine window plays out, from WebRTC's inbound audio statistics)
 * or a plain phone's recording of its call. Its loudness envelope is correlated with the expected
 * sound and with a control sound; it hears the sound when the match is clear (above CLEAR_MATCH) and
 * clearly better than the control's (by `margin`), so a voice is told apart from any other speech.
 * On a starved 2-core machine one 10 s window can be spoiled by a burst of late packets, so an app
 * whose first listen is not clear gets one more, fresh window; both are logged.
 * `inboundLoudness` is for silence (mute): how loud what an app plays out is, without a reference.
 */
import { expect } from 'vitest';
import { renderHoldMusic } from '../../src/engine/hold-music.ts';
import type { AppDriver } from './app-driver.ts';
import { bestLoopedCorrelation, energyEnvelope, logEnvelope, readWav } from './audio-envelope.ts';
import { renderVoice, type VoiceName } from './voices.ts';

export const WINDOW_MS = 50;
export const CLEAR_MATCH = 0.65;
export const CLEAR_MARGIN = 0.25;

export type Heard = { voice: number; control: number };

/** A sound to listen for (or to tell apart from): its name for messages and its loudness envelope. */
export type Sound = { name: string; envelope: number[] };

/** What a plain phone (baresip `recordWav`) heard of a call, from `skipMs` in (the first moments are media starting). */
export type Recording = { recordedWav: string; skipMs?: number };

export const voiceEnvelope = (wav: string) => logEnvelope(energyEnvelope(readWav(wav), WINDOW_MS));

const sounds = new Map<string, Sound>();
const sound = (name: string, envelope: () => number[]): Sound => {
  let known = sounds.get(name);
  if (!known) sounds.set(name, (known = { name, envelope: envelope() }));
  return known;
};

/** A known voice (test/support/voices.ts) as a listener would hear it. */
export const voice = (name: VoiceName): Sound => sound(name, () => voiceEnvelope(renderVoice(name)));

/** The hold music the engine plays to a held party. */
export const holdMusic = (): Sound =>
  sound('hold music', () =>
    logEnvelope(energyEnvelope({ sampleRate: 48_000, samples: renderHoldMusic(48_000) }, WINDOW_MS)),
  );

export const isClear = (heard: Heard, margin = CLEAR_MARGIN) =>
  heard.voice > CLEAR_MATCH && heard.voice - heard.control > margin;

/** Listens to an app's call and correlates it with `voice` and `control` envelopes (a second listen if unclear). */
export async function hears(
  app: AppDriver,
  voice: number[],
  control: number[],
  options: { listenMs?: number; label: string; margin?: number },
): Promise<Heard> {
  let heard: Heard = { voice: -1, control: 1 };
  for (let attempt = 1; attempt <= 2; attempt++) {
    const envelope = logEnvelope(await app.inboundEnvelope(options.listenMs ?? 10_000, WINDOW_MS));
    heard = { voice: bestLoopedCorrelation(envelope, voice), control: bestLoopedCorrelation(envelope, control) };
    console.log(`${options.label}: ${heard.voice.toFixed(2)} (control ${heard.control.toFixed(2)}), listen ${attempt}`);
    if (isClear(heard, options.margin)) break;
  }
  return heard;
}

function recordingHears(recording: Recording, target: Sound, control: Sound, label: string): Heard {
  const wav = readWav(recording.recordedWav);
  const skip = Math.round((wav.sampleRate * (recording.skipMs ?? 1000)) / 1000);
  const envelope = logEnvelope(
    energyEnvelope({ sampleRate: wav.sampleRate, samples: wav.samples.subarray(skip) }, WINDOW_MS),
  );
  const heard = {
    voice: bestLoopedCorrelation(envelope, target.envelope),
    control: bestLoopedCorrelation(envelope, control.envelope),
  };
  const seconds = (wav.samples.length / wav.sampleRate).toFixed(1);
  console.log(`${label}: ${heard.voice.toFixed(2)} (control ${heard.control.toFixed(2)}), recorded ${seconds} s`);
  return heard;
}

/**
 * Asserts that the listener clearly hears `target` and not `control`; returns the correlations.
 * `listenMs` (apps only): how long to listen, default 10 s.
 */
export async function expectToHear(
  listener: AppDriver | Recording,
  target: Sound,
  options: { control: Sound; label: string; margin?: number; listenMs?: number },
): Promise<Heard> {
  const margin = options.margin ?? CLEAR_MARGIN;
  const heard =
    'recordedWav' in listener
      ? recordingHears(listener, target, options.control, options.label)
      : await hears(listener, target.envelope, options.control.envelope, {
          label: options.label,
          margin,
          ...(options.listenMs ? { listenMs: options.listenMs } : {}),
        });
  expect(heard.voice, `${options.label}: how closely what was heard follows ${target.name}`).toBeGreaterThan(
    CLEAR_MATCH,
  );
  expect(
    heard.voice - heard.control,
    `${options.label}: ${target.name} heard better than ${options.control.name}`,
  ).toBeGreaterThan(margin);
  return heard;
}

/** How loud what an app plays out of its call is, over `listenMs`: mean and loudest window energy. */
export async function inboundLoudness(app: AppDriver, listenMs: number): Promise<{ mean: number; max: number }> {
  const envelope = await app.inboundEnvelope(listenMs, WINDOW_MS);
  const mean = envelope.reduce((sum, energy) => sum + energy, 0) / Math.max(1, envelope.length);
  return { mean, max: Math.max(0, ...envelope) };
}
