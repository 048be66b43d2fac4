/**
 * "Did the phone hear this code?": the recording's loudness envelope against the code prompt
 * (switchboard/provisioning/sip-code-caller.ts) rendered for the code, and for control codes: one
 * with every digit different, and one per position with that digit changed. The prompts share every
 * word but the digits, so what tells them apart is distance: 1 − r is near 0 for the code that was
 * spoken, clearly larger for the all-different code, and larger for each one-digit change (only a
 * little for digits that sound alike in loudness alone, such as "four" and "nine").
 * (Reading the code out of the audio digit by digit does not work this way: digits of different
 * length shift every later word, so a greedy search settles on wrong digits.)
 */
import { join } from 'node:path';
import type { CodeLanguage } from '../../switchboard/provisioning/code-caller.ts';
import { renderCodePrompt } from '../../switchboard/provisioning/sip-code-caller.ts';
import { bestLoopedCorrelation, energyEnvelope, logEnvelope, readWav } from './audio-envelope.ts';

const WINDOW_MS = 50;

/** Log-loudness envelope of a WAV (first channel). */
export const promptEnvelope = (path: string) => logEnvelope(energyEnvelope(readWav(path), WINDOW_MS));

/**
 * Best correlation of what the phone heard with a prompt at any alignment: the reference is padded
 * with its own silence to the recording's length, so looping it never wraps speech onto speech.
 */
export function promptCorrelation(heard: readonly number[], reference: readonly number[]): number {
  const floor = Math.min(...reference);
  const padded = [...reference, ...Array<number>(Math.max(0, heard.length - reference.length)).fill(floor)];
  return bestLoopedCorrelation(heard, padded);
}

export type SpokenCodeCheck = {
  /** Correlation with the prompt of the code in question. */
  r: number;
  /** Each control code and its correlation: first every digit changed, then one digit per position. */
  controls: { code: string; r: number }[];
};

/** The controls: every digit +5 ("0427" → 5972), then each position in turn +5 (5427, 0927, 0477, 0422). */
export function controlCodes(code: string): string[] {
  const shift = (digit: string) => String((Number(digit) + 5) % 10);
  return [
    [...code].map(shift).join(''),
    ...[...code].map((digit, i) => code.slice(0, i) + shift(digit) + code.slice(i + 1)),
  ];
}

export async function checkSpokenCode(
  recordingWav: string,
  code: string,
  language: CodeLanguage,
  workDir: string,
): Promise<SpokenCodeCheck> {
  const heard = promptEnvelope(recordingWav);
  const score = async (candidate: string): Promise<number> => {
    const wav = join(workDir, `prompt-${language}-${candidate}.wav`);
    await renderCodePrompt(wav, candidate, language);
    return promptCorrelation(heard, promptEnvelope(wav));
  };
  const r = await score(code);
  const controls: SpokenCodeCheck['controls'] = [];
  for (const control of controlCodes(code)) controls.push({ code: control, r: await score(control) });
  return { r, controls };
}

/**
 * This code: close to its prompt, at least 3× closer than to the all-different code's, and closer
 * than to any code one digit off.
 */
export function isClearlyThisCode(check: SpokenCodeCheck): boolean {
  const [allDifferent, ...oneDigitOff] = check.controls;
  return (
    check.r > 0.9 &&
    allDifferent !== undefined &&
    1 - allDifferent.r >= 3 * (1 - check.r) &&
    oneDigitOff.every((control) => control.r < check.r)
  );
}
