/**
 * "Did the phone hear this code?": the recording's loudness envelope against the code prompt
 * (switchboard/provisioning/sip-code-caller.ts) rendered for the code, and for control codes that
 * differ from it in one digit each. The prompts share every word but the digits, so what tells them
 * apart is distance: 1 − r is near 0 for the code that was spoken and clearly larger for the others.
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
  /** Each control code (one digit changed per position) and its correlation. */
  controls: { code: string; r: number }[];
};

/** The controls: each position in turn changed by 5 (so "0427" gives 5427, 0927, 0477, 0422). */
export function controlCodes(code: string): string[] {
  return [...code].map((digit, i) => code.slice(0, i) + String((Number(digit) + 5) % 10) + code.slice(i + 1));
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

/** Clearly this code: close to its prompt, and at least 3× closer than to any control's. */
export function isClearlyThisCode(check: SpokenCodeCheck): boolean {
  return check.r > 0.9 && check.controls.every((control) => 1 - control.r >= 3 * (1 - check.r));
}
