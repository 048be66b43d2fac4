/**
 * "Does this app hear that voice?": listens to the call's inbound audio and
 * correlates its loudness envelope with the expected voice and a control voice.
 * On a starved 2-core machine one 10 s window can be spoiled by a burst of late
 * packets, so a failed first listen gets one more, fresh window; both are logged.
 */
import type { AppDriver } from './app-driver.ts';
import { bestLoopedCorrelation, energyEnvelope, logEnvelope, readWav } from './audio-envelope.ts';

export const WINDOW_MS = 50;
export const CLEAR_MATCH = 0.65;
export const CLEAR_MARGIN = 0.25;

export type Heard = { voice: number; control: number };

export const voiceEnvelope = (wav: string) => logEnvelope(energyEnvelope(readWav(wav), WINDOW_MS));

export const isClear = (heard: Heard, margin = CLEAR_MARGIN) =>
  heard.voice > CLEAR_MATCH && heard.voice - heard.control > margin;

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
