/**
 * Known voices for call tests: speech rendered by espeak-ng, as 48 kHz mono WAVs
 * that Chromium's fake microphone (--use-file-for-fake-audio-capture) loops.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * SSML with pauses of different lengths: each voice gets its own rhythm of speech
 * and silence, which is what makes its loudness envelope recognisable.
 */
const pause = (ms: number) => `<break time="${ms}ms"/>`;
export const VOICE_TEXT = {
  alice: `One. ${pause(900)} Two three. ${pause(350)} Four. ${pause(1500)} Five six seven. ${pause(700)}`,
  bob: `Hello there. ${pause(1300)} This is Bob. ${pause(500)} Can you hear me? ${pause(1000)} Yes. ${pause(400)}`,
  control: `Snow. ${pause(600)} Over the mountains today. ${pause(1800)} Weather. ${pause(300)} Cold. ${pause(1100)}`,
} as const;

export type VoiceName = keyof typeof VOICE_TEXT;

let sharedDir: string | undefined;
/** One folder of rendered voices per test process: each voice is rendered once however many tests use it. */
const voicesDir = () => (sharedDir ??= mkdtempSync(join(tmpdir(), 'switchboard-voices-')));

export function renderVoice(name: VoiceName, dir = voicesDir()): string {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${name}.wav`);
  if (existsSync(out)) return out;
  const raw = join(dir, `${name}.raw.wav`);
  execFileSync('espeak-ng', [
    '-m',
    '-v',
    name === 'bob' ? 'en-us' : 'en',
    '-s',
    '150',
    '-w',
    raw,
    `<speak>${VOICE_TEXT[name]}</speak>`,
  ]);
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', out]);
  return out;
}

/**
 * A voice repeated to at least `seconds`: for players that play a file once
 * (baresip's aufile) where Chromium's fake microphone loops it.
 */
export function renderRepeatedVoice(name: VoiceName, seconds: number, dir = voicesDir()): string {
  const once = renderVoice(name, dir);
  const out = join(dir, `${name}-${seconds}s.wav`);
  if (existsSync(out)) return out;
  const length = Number(execFileSync('soxi', ['-D', once], { encoding: 'utf8' }).trim());
  const repeats = Math.max(0, Math.ceil(seconds / Math.max(length, 0.1)) - 1);
  execFileSync('sox', [once, out, 'repeat', String(repeats)]);
  return out;
}
