/**
 * Tells whether the audio one side received is the WAV the other side played,
 * by correlating loudness envelopes. Envelopes survive codecs, jitter buffers
 * and resampling that would defeat a sample-level comparison.
 */
import { readFileSync } from 'node:fs';

export type Wav = { sampleRate: number; samples: Float32Array };

/** Reads a mono or multi-channel 16-bit PCM WAV (first channel). */
export function readWav(path: string): Wav {
  const data = readFileSync(path);
  if (data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${path}: not a WAV file`);
  let offset = 12;
  let sampleRate = 0;
  let channels = 1;
  let bits = 16;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = data.readUInt16LE(body + 2);
      sampleRate = data.readUInt32LE(body + 4);
      bits = data.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`${path}: ${bits}-bit WAV, expected 16`);
      const frames = Math.floor(Math.min(size, data.length - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = data.readInt16LE(body + i * 2 * channels) / 32768;
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

/** Mean energy per window, the same measure as WebRTC's totalAudioEnergy deltas. */
export function energyEnvelope(wav: Wav, windowMs: number): number[] {
  const size = Math.max(1, Math.round((wav.sampleRate * windowMs) / 1000));
  const envelope: number[] = [];
  for (let start = 0; start + size <= wav.samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += (wav.samples[i] ?? 0) ** 2;
    envelope.push(sum / size);
  }
  return envelope;
}

/**
 * Turns WebRTC's cumulative (totalSamplesDuration s, totalAudioEnergy) readings into
 * mean energy per window of audio time, interpolating between readings, so the
 * result does not depend on when the statistics happened to be polled.
 */
export function envelopeFromCumulative(points: ReadonlyArray<readonly [number, number]>, windowMs: number): number[] {
  if (points.length < 2) return [];
  const window = windowMs / 1000;
  const energyAt = (t: number): number => {
    let i = 1;
    while (i < points.length - 1 && points[i]![0] < t) i++;
    const [t0, e0] = points[i - 1]!;
    const [t1, e1] = points[i]!;
    return t1 === t0 ? e1 : e0 + ((e1 - e0) * (t - t0)) / (t1 - t0);
  };
  const envelope: number[] = [];
  const end = points.at(-1)![0];
  for (let t = points[0]![0]; t + window <= end; t += window)
    envelope.push((energyAt(t + window) - energyAt(t)) / window);
  return envelope;
}

/** Loudness in decibels-like units: speech envelopes compare better on a log scale. */
export function logEnvelope(envelope: readonly number[]): number[] {
  return envelope.map((energy) => Math.log10(energy + 1e-5));
}

/** Pearson correlation of two equal-length series; 0 when either is flat. */
export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i]!;
    meanB += b[i]!;
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - meanA;
    const db = b[i]! - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  return varA && varB ? cov / Math.sqrt(varA * varB) : 0;
}

/**
 * Best correlation of the received envelope against the looped reference at any
 * phase: the far side's fake microphone loops its file, so the received audio is
 * the reference repeated from an unknown starting point.
 */
export function bestLoopedCorrelation(received: readonly number[], reference: readonly number[]): number {
  let best = -1;
  for (let lag = 0; lag < reference.length; lag++) {
    const shifted = received.map((_, i) => reference[(i + lag) % reference.length]!);
    best = Math.max(best, pearson(received, shifted));
  }
  return best;
}

/**
 * Best correlation of a one-shot reference (an announcement played once) with any stretch of the received
 * envelope as long as it: where in a recording it was heard is not known, and it does not loop.
 */
export function bestWindowCorrelation(received: readonly number[], reference: readonly number[]): number {
  let best = -1;
  for (let start = 0; start + reference.length <= received.length; start++) {
    best = Math.max(best, pearson(received.slice(start, start + reference.length), reference));
  }
  return best;
}
