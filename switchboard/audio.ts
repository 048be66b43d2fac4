import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** baresip's aufile source insists on exactly this format (it does not resample files). */
export const PHONE_WAV_RATE = 48_000;

/**
 * Speaks `text` with espeak-ng into a WAV baresip can play (48 kHz mono s16); `soxEffects`
 * are appended to the conversion (e.g. `pad 0.5 1`, `repeat 3`). Every spoken file the
 * switchboard plays comes from here.
 */
export async function speakPhoneWav(
  path: string,
  text: string,
  options: { voice?: string; soxEffects?: string[] } = {},
): Promise<void> {
  const raw = `${path}.espeak.wav`;
  try {
    await run('espeak-ng', [...(options.voice ? ['-v', options.voice] : []), '-w', raw, text]);
    await run('sox', [
      raw,
      '-r',
      String(PHONE_WAV_RATE),
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      path,
      ...(options.soxEffects ?? []),
    ]);
  } finally {
    await rm(raw, { force: true });
  }
}

/** Length of a sound file in seconds. */
export async function wavSeconds(path: string): Promise<number> {
  const { stdout } = await run('soxi', ['-D', path]);
  return Number(stdout.trim());
}

/** Spoken text, repeated to at least `seconds`. */
export async function makeSpeechWav(path: string, text: string, seconds = 20): Promise<void> {
  const once = `${path}.once.wav`;
  try {
    await speakPhoneWav(once, text);
    const repeats = Math.max(0, Math.ceil(seconds / Math.max(await wavSeconds(once), 0.1)) - 1);
    await run('sox', [once, path, 'repeat', String(repeats)]);
  } finally {
    await rm(once, { force: true });
  }
}

export async function makeToneWav(path: string, seconds = 60, frequency = 440): Promise<void> {
  await run('sox', [
    '-n',
    '-r',
    String(PHONE_WAV_RATE),
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    path,
    'synth',
    String(seconds),
    'sine',
    String(frequency),
    'vol',
    '0.3',
  ]);
}

/** Any WAV → the format baresip's aufile accepts. */
export async function convertForPhone(input: string, output: string): Promise<void> {
  await run('sox', [input, '-r', String(PHONE_WAV_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', output]);
}

export type WavStats = { sampleRate: number; channels: number; seconds: number; rms: number; peak: number };

/** RMS/peak of a 16-bit PCM WAV, both normalised to 0..1. */
export async function wavStats(path: string): Promise<WavStats> {
  const file = await readFile(path);
  if (file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WAVE')
    throw new Error(`${path}: not a WAV file`);
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  let data: Buffer | null = null;
  while (offset + 8 <= file.length) {
    const id = file.toString('latin1', offset, offset + 4);
    let size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    // Writers that were killed mid-call leave size 0 or 0xffffffff on the data chunk: take the rest.
    if (id === 'data' && (size === 0 || body + size > file.length)) size = file.length - body;
    if (id === 'fmt ') {
      channels = file.readUInt16LE(body + 2);
      sampleRate = file.readUInt32LE(body + 4);
      bits = file.readUInt16LE(body + 14);
    } else if (id === 'data') {
      data = file.subarray(body, body + size);
    }
    offset = body + size + (size % 2);
  }
  if (data === null || bits !== 16 || channels === 0)
    throw new Error(`${path}: expected 16-bit PCM data (bits=${bits})`);
  const samples = Math.floor(data.length / 2);
  let sumSquares = 0;
  let peak = 0;
  for (let i = 0; i < samples; i++) {
    const value = data.readInt16LE(i * 2) / 32768;
    sumSquares += value * value;
    peak = Math.max(peak, Math.abs(value));
  }
  return {
    sampleRate,
    channels,
    seconds: samples / channels / sampleRate,
    rms: samples > 0 ? Math.sqrt(sumSquares / samples) : 0,
    peak,
  };
}
